import { DIALECTS } from '../support/db.js';
import { xssSuite } from './xss.suite.js';

// Without PostgreSQL the runner says so in its summary (and fails under CI); this file then has nothing to do.
if (DIALECTS.includes('postgres')) xssSuite('postgres');
