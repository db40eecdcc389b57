// Imported first by benchmarks that run the handlers: their Powertools loggers read the level when
// they are made, at import. Under load an info line per clip would flood the report and cost the
// API a write the bare baseline does not make.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
