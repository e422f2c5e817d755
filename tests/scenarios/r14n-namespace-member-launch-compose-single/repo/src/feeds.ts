export function startFeedSync(): void {
  console.log('feed sync scheduled by the host cron');
}
