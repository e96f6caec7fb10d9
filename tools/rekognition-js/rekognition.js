// One Rekognition call with the AWS SDK for JavaScript v3, as a Rekognition application makes it, pointed at
// Tasklens. Prints one JSON line: {"ok":true,"response":{…}} (exit 0), or the SDK's error as
// {"ok":false,"name","message","status"} (exit 1 when the service answered, 2 when no answer came).
//
//   node rekognition.js DetectLabels|DetectText <endpoint> (--image-bytes <file> | --s3-object <bucket> <name>)
//        [--signed-ago <seconds>]
//
// The key comes from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, the region from AWS_REGION (default
// eu-central-1). --signed-ago moves the SDK's own signing clock back (its systemClockOffset), as on a machine
// whose clock is behind. Retries are off, so the first answer is what is printed.
import { readFileSync } from "node:fs";
import { DetectLabelsCommand, DetectTextCommand, RekognitionClient } from "@aws-sdk/client-rekognition";

function usage() {
  console.error("usage: node rekognition.js DetectLabels|DetectText <endpoint> "
    + "(--image-bytes <file> | --s3-object <bucket> <name>) [--signed-ago <seconds>]");
  process.exit(64);
}

const [operation, endpoint, ...options] = process.argv.slice(2);
const commands = { DetectLabels: DetectLabelsCommand, DetectText: DetectTextCommand };
if (!commands[operation] || !endpoint) usage();

let image;
let signedAgo = 0;
for (let i = 0; i < options.length; i++) {
  if (options[i] === "--image-bytes") image = { Bytes: readFileSync(options[++i]) };
  else if (options[i] === "--s3-object") image = { S3Object: { Bucket: options[++i], Name: options[++i] } };
  else if (options[i] === "--signed-ago") signedAgo = Number(options[++i]);
  else usage();
}
if (!image) usage();

const client = new RekognitionClient({
  endpoint,
  region: process.env.AWS_REGION || "eu-central-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
  systemClockOffset: -signedAgo * 1000,
});

try {
  const { $metadata, ...response } = await client.send(new commands[operation]({ Image: image }));
  console.log(JSON.stringify({ ok: true, response }));
} catch (error) {
  const status = error.$metadata?.httpStatusCode;
  console.log(JSON.stringify({ ok: false, name: error.name, message: error.message, status }));
  process.exitCode = status === undefined ? 2 : 1;
}
