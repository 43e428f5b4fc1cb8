/** The animation features the inject cards use, loaded on demand by LazyMotion. */
import { domAnimation } from 'motion/react';

export default domAnimation;
