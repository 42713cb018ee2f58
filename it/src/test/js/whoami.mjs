// Usage: HUB_URL=http://127.0.0.1:8180 HF_TOKEN=hf_... node whoami.mjs
// Prints the whoAmI result as JSON, or the client's error message and exits 1.
import { whoAmI } from "@huggingface/hub";

try {
  const me = await whoAmI({ accessToken: process.env.HF_TOKEN, hubUrl: process.env.HUB_URL });
  console.log(JSON.stringify(me));
} catch (error) {
  console.log(JSON.stringify({ clientError: error.message, statusCode: error.statusCode }));
  process.exit(1);
}
