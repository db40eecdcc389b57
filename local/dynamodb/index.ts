export { startDynamoDB, DynamoDBServerError, type StartDynamoDBOptions, type DynamoDBServer } from './server.ts';
export { ensureTable, TableNotReadyError } from './tables.ts';
export { startTimeToLive, type TimeToLive, type TimeToLiveOptions } from './timeToLive.ts';
