// What analytics reads about active users: the count per local month at a location (each person once).
import * as q from './report-queries.js';

export const activeUserCounts = q.countsByMonth;
