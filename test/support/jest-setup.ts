// Runs before every test file of every jest config (setupFiles): whatever a test does, it cannot leave the machine.
import { installNetworkGuard } from "./install-network-guard.js";

installNetworkGuard();
