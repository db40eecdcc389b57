// Imported first by a suite whose scenario makes the handlers log errors on purpose (an outage):
// their loggers take the level when their modules load.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
