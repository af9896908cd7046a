import { reactMatrixConfig } from '../shared/react-matrix.js';

export default reactMatrixConfig(import.meta.url, '18.3.1');
