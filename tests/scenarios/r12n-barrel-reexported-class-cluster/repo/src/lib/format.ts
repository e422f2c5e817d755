export const bold = (text: string) => `*${text}*`;
