// What analytics reads about resources: the meeting rooms (with their creation and archiving times).
import * as q from './report-queries.js';

export const meetingRooms = q.meetingRooms;
