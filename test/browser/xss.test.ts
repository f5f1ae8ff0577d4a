import { xssSuite } from './xss.suite.js';

xssSuite('sqlite');
