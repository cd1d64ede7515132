export { type RedisDriverOptions, redisDriver } from './redis-driver.ts';
export { REDIS_LAYOUT_VERSION } from './redis-scripts.ts';
