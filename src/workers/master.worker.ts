/** The master worker: one master actor (the same class the in-process host runs), served over comlink. */
import { serveActors } from './actorHost';

serveActors();
