// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// react-dom/server.browser (pulled in by @grafana/ui) needs MessageChannel, which jsdom lacks.
// A timer-based stand-in is enough; node:worker_threads' MessageChannel would keep jest alive.
if (typeof global.MessageChannel === 'undefined') {
  class Port {
    constructor() {
      this.onmessage = null;
      this.other = null;
    }
    postMessage(data) {
      const target = this.other;
      setTimeout(() => target.onmessage && target.onmessage({ data }), 0);
    }
    close() {}
  }
  global.MessageChannel = class {
    constructor() {
      this.port1 = new Port();
      this.port2 = new Port();
      this.port1.other = this.port2;
      this.port2.other = this.port1;
    }
  };
}

// @grafana/ui's Combobox measures text on a canvas; jsdom has none (the scaffold stubs getContext).
HTMLCanvasElement.prototype.getContext = () => ({
  measureText: (text) => ({ width: String(text).length * 8 }),
  font: '',
});
