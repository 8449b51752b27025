import { hostileConsoleSuite } from './hostile-console.js';

hostileConsoleSuite(0);
