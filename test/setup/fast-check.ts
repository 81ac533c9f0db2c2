/**
 * Property tests explore new inputs on every local run (a random seed, printed with any counterexample). On CI they
 * run from one fixed seed, so that the same commit always passes or always fails; FC_SEED overrides both, to replay a
 * counterexample a local run found. A counterexample found locally becomes an example test of its own.
 */
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20261202' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
