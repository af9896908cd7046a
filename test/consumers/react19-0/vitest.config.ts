import { reactMatrixConfig } from '../shared/react-matrix.js';

export default reactMatrixConfig(import.meta.url, '19.0.0');
