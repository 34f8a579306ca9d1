// Starts GOV.UK Frontend's components: Exit this page, error summary focus, character count,
// radios, the double-click guard on buttons. Loaded as a module, so old browsers that cannot run
// it simply get the plain HTML, which works on its own.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
