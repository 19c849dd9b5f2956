// Registers the InfluxDB readers with the read stage (imported once by the pipeline).
import { registerRemoteReader } from '../read.js';
import { readFlux } from './flux-reader.js';
import { readInfluxQL } from './influxql-reader.js';

registerRemoteReader('influxql', readInfluxQL);
registerRemoteReader('flux', readFlux);
