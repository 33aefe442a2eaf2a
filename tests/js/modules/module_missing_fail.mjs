// A missing file names the specifier and the importer's position.
import './fixtures/dynamic_target.mjs';
  import { nothing } from './fixtures/no_such_file.mjs';
console.log('never printed', nothing);
