import WAClient from './client';

export default WAClient;
