import { describeObjectStoreContract } from '../../contract/object-store-contract.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';

// The test double many unit tests write through is held to the same contract as the local directory and S3.
describeObjectStoreContract('in-memory test double', async () => ({ store: new InMemoryObjectStore() }));
