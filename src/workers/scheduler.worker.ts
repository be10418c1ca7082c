/** The scheduler worker: the scheduler driver actor with the learner's code in its own global scope (the same driver class the in-process host runs), served over comlink. */
import { serveActors } from './actorHost';

serveActors();
