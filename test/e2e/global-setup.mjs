// Plain ESM JavaScript: Jest loads global set-up outside its module mapper.
import { buildDist } from '../support/build-dist.mjs';

export default async function globalSetup() {
  buildDist();
}
