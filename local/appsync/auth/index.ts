export { authenticate, detectAuthType, normalizeHeaders, type AuthConfig, type AuthRequest } from './authenticate.ts';
export { createApiKey, generateApiKeyId, loadOrCreateApiKey, verifyApiKey, type ApiKey } from './apiKey.ts';
export { createCognitoIssuer, type CognitoIssuer, type CognitoIssuerOptions, type IssueTokenOptions, type Jwk, type TokenUse } from './cognito.ts';
export { AuthErrorType, AuthenticationError } from './errors.ts';
export { isSigV4Authorization, verifyIamRequest, type IamOptions, type IamPrincipal, type SignedRequest } from './iam.ts';
export { createLocalIamPrincipal, loadOrCreateIamPrincipal } from './localIamPrincipal.ts';
