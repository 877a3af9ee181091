// Placeholder CLI entry; commands are added per group and loaded lazily.
console.log('hetu: commands coming')
