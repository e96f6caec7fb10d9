// The S3 stand-in for tests: s3rver on 127.0.0.1:<port>, objects under <directory>. Prints one line,
// "s3 stand-in listening on <port>", once it accepts connections; the test that started it stops it by PID.
// Buckets are made by the tests through the S3 API (CreateBucket, PutBucketCors), each test its own.
'use strict';

const S3rver = require('s3rver');

const [port, directory] = process.argv.slice(2);
if (!port || !directory) {
  console.error('usage: node s3-stand-in.js <port> <directory>');
  process.exit(2);
}

new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true, vhostBuckets: false })
  .run()
  .then(() => console.log('s3 stand-in listening on ' + port))
  .catch((error) => {
    console.error('s3 stand-in failed to start: ' + error.message);
    process.exit(1);
  });
