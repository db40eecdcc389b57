// Imported first by the suites: the handlers' loggers read their level when their modules load,
// so it is set before any handler is imported. Warnings and errors still show.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
