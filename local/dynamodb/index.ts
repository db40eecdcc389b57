export { startDynamoDB, DynamoDBServerError, type StartDynamoDBOptions, type DynamoDBServer, type DynamoDBFault, type DynamoDBRefusal } from './server.ts';
export { ensureTable, TableNotReadyError } from './tables.ts';
export { startTimeToLive, type TimeToLive, type TimeToLiveOptions } from './timeToLive.ts';
