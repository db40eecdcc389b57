export { startDynamoDB, DynamoDBServerError, type StartDynamoDBOptions, type DynamoDBServer } from './server.ts';
export { ensureTable, TableNotReadyError } from './tables.ts';
