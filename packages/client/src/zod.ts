import { config } from 'zod/mini';

// zod probes `new Function('')` when the first object schema is created, to decide whether it may
// compile fast parsers. Under a strict CSP (no 'unsafe-eval', Trusted Types) that probe is itself
// a reported `securitypolicyviolation`, so Parley turns the compiler off before defining a schema.
// The cost is a slower parse of options and native-protocol events, never on the openai hot path.
// Every client module imports zod through here so the setting precedes the first schema.
config({ jitless: true });

export * from 'zod/mini';
