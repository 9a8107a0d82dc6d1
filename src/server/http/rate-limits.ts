// Rate-limit presets for routes (per client address, as TRUST_PROXY resolves it): the same
// numbers wherever the same kind of route appears.
/** Sign-in, activation, setup and join requests: per-address limits on top of the per-email code limits. */
export const authRateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** Public reads a page makes once as it opens (an operator's brand on the sign-in page): generous, but not a scraper's. */
export const publicReadRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
