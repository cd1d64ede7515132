import { describeStoreDriver } from '@sharedcontext-internal/test-utils';
import { memoryDriver } from './memory-driver.ts';

describeStoreDriver({ name: 'memory', create: () => memoryDriver() });
