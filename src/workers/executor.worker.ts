/** The executor worker: one executor actor (the same class the in-process host runs), served over comlink. */
import { serveActors } from './actorHost';

serveActors();
