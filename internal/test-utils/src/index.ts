export {
  corpusDir,
  corpusPath,
  describeCorpus,
  type HeadroomFixture,
  hasCorpus,
  listCorpus,
  REPO_ROOT,
  readCorpus,
  readHeadroomFixtures,
} from './corpus.ts';
export { type FakeClock, fakeClock } from './fake-clock.ts';
