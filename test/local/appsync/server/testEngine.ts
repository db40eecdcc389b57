// A small stand-in for the local AppSync engine (local/appsync/engine), written for these tests
// while the real engine is being built: graphql-js over a tiny clips schema, field authorization
// the way the real schema's @aws_* directives ask for it, and in-memory subscription fan-out. The
// network layer is what is under test; this engine only has to honour the Engine contract.
import { buildSchema, execute, GraphQLError, Kind, parse, validate, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import type { Caller, Engine, GraphQLRequest, SubscribeResult } from '../../../../local/appsync/engine/types.ts';

const typeDefs = /* GraphQL */ `
  type Clip {
    competition: ID!
    clipId: ID!
    status: String!
  }
  type Query {
    clip(competition: ID!, clipId: ID!): Clip
    whoami: String
  }
  type Mutation {
    createClip(competition: ID!, clipId: ID!): Clip!
    publishClipUpdate(competition: ID!, clipId: ID!, status: String!): Clip
  }
  type Subscription {
    onClipReady(competition: ID!): Clip
    onEditorsNews: Clip
  }
`;

interface Listener {
  field: 'onClipReady' | 'onEditorsNews';
  competition: string | undefined;
  onData: (result: ExecutionResult) => void;
}

interface Clip {
  competition: string;
  clipId: string;
  status: string;
}

function notAuthorized(field: string, type: string): GraphQLError {
  return new GraphQLError(`Not Authorized to access ${field} on type ${type}`, { extensions: { errorType: 'Unauthorized' } });
}

function rootField(document: DocumentNode): FieldNode | undefined {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const selection = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections[0] : undefined;
  return selection?.kind === Kind.FIELD ? selection : undefined;
}

function groupsOf(caller: Caller): string[] {
  const identity = caller.identity;
  return identity && 'groups' in identity ? (identity.groups ?? []) : [];
}

export function createTestEngine(): Engine & { listenerCount(): number } {
  const listeners = new Set<Listener>();
  const clips = new Map<string, Clip>();
  const fanOut = (published: Clip) => {
    // The real engine delivers the fields the mutation selected; this one sends them all.
    const clip = { __typename: 'Clip', ...published };
    for (const listener of listeners) {
      if (listener.field === 'onClipReady' && listener.competition === clip.competition) listener.onData({ data: { onClipReady: clip } });
      if (listener.field === 'onEditorsNews') listener.onData({ data: { onEditorsNews: clip } });
    }
  };
  const schema = buildSchema(typeDefs);
  const resolvers = {
      Query: {
        clip: (_: unknown, args: { competition: string; clipId: string }) => clips.get(`${args.competition}/${args.clipId}`) ?? null,
        whoami: (_: unknown, __: unknown, caller: Caller) => `${caller.authType}:${caller.identity && 'username' in caller.identity ? caller.identity.username : ''}`,
      },
      Mutation: {
        createClip: (_: unknown, args: { competition: string; clipId: string }, caller: Caller) => {
          if (caller.authType === 'AWS_IAM') throw notAuthorized('createClip', 'Mutation');
          if (caller.authType === 'AMAZON_COGNITO_USER_POOLS' && !groupsOf(caller).includes('editors')) throw notAuthorized('createClip', 'Mutation');
          const clip = { ...args, status: 'PENDING' };
          clips.set(`${args.competition}/${args.clipId}`, clip);
          return clip;
        },
        publishClipUpdate: (_: unknown, args: Clip, caller: Caller) => {
          if (caller.authType !== 'AWS_IAM') throw notAuthorized('publishClipUpdate', 'Mutation');
          clips.set(`${args.competition}/${args.clipId}`, args);
          fanOut(args);
          return args;
        },
      },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (field) field.resolve = resolve as GraphQLFieldResolver<unknown, Caller>;
    }
  }

  return {
    listenerCount: () => listeners.size,
    async execute(request: GraphQLRequest): Promise<ExecutionResult> {
      let document;
      try {
        document = parse(request.query);
      } catch (error) {
        return { errors: [error as GraphQLError] };
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return { errors };
      return execute({ schema, document, variableValues: request.variables ?? {}, operationName: request.operationName ?? undefined, contextValue: request.caller });
    },
    async subscribe(request: GraphQLRequest, onData: (result: ExecutionResult) => void): Promise<SubscribeResult> {
      let document;
      try {
        document = parse(request.query);
      } catch (error) {
        return { ok: false, errors: [error as GraphQLError] };
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return { ok: false, errors };
      const field = rootField(document);
      if (!field || (field.name.value !== 'onClipReady' && field.name.value !== 'onEditorsNews')) {
        return { ok: false, errors: [new GraphQLError('Only subscription operations are supported here')] };
      }
      const source = field.name.value;
      if (source === 'onEditorsNews' && !groupsOf(request.caller).includes('editors')) {
        return { ok: false, errors: [notAuthorized('onEditorsNews', 'Subscription')] };
      }
      if (request.caller.authType === 'AWS_IAM') return { ok: false, errors: [notAuthorized(source, 'Subscription')] };
      const argument = field.arguments?.find((candidate) => candidate.name.value === 'competition')?.value;
      const competition =
        argument?.kind === Kind.STRING ? argument.value : argument?.kind === Kind.VARIABLE ? String(request.variables?.[argument.name.value]) : undefined;
      const listener: Listener = { field: source, competition, onData };
      listeners.add(listener);
      return { ok: true, handle: { close: () => listeners.delete(listener) } };
    },
  };
}
