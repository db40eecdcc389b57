// Imported first by a suite that reads the handlers' logs: their loggers take the level when
// their modules load.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
