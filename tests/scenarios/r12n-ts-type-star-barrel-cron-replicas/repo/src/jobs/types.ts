export interface DigestJob {
  name: string;
  schedule: string;
}
