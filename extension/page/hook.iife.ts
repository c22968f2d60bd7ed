// MAIN world, document_start, every frame: wrap WebSocket before any page script runs.
import { startHook } from '../../src/instrument';

startHook(globalThis);
