export const readSettings = () => ({
  token: process.env.TG_TOKEN,
  hooks: process.env.DELIVERY === 'hooks',
  publicUrl: process.env.PUBLIC_URL,
});
