export const ok = () => true;
