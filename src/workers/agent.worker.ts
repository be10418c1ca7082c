/** The agent worker: one agent actor (the same class the in-process host runs), and its executors when the worker budget is spent, served over comlink. */
import { serveActors } from './actorHost';

serveActors();
