const live = !!process.env.LIVE;

export default {
  token: process.env.TG_TOKEN,
  live,
  publicUrl: process.env.PUBLIC_URL,
};
