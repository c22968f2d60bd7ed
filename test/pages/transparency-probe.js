/*
 * Transparency probe: everything a page can see of WebSocket, as one JSON-serialisable object.
 *
 * `await window.observe()` runs every check against the loopback server (/ws/echo, /ws/hold,
 * /ws/close, /ws/reject, /ws/drop on location.host) and resolves with the observation. The
 * transparency specs load this page without and with the extension and require both
 * observations to be deeply equal: whatever the page hook does must not show here.
 *
 * Rules for this file: a classic script, no modules, no dependencies; every wait is bounded;
 * nothing timing-dependent goes into the observation (only values the page would see the same
 * on every run); every value is JSON-safe (undefined, NaN, -0, symbols and functions are
 * described as strings or objects).
 */
(function () {
  'use strict';

  // ── the page's own view of the built-ins, taken when the page's first script runs ──────────
  const W = window;
  const HOST = location.host;
  const WS_BASE = 'ws://' + HOST;
  const FPTS = Function.prototype.toString;
  const R = {
    apply: Reflect.apply,
    construct: Reflect.construct,
    ownKeys: Reflect.ownKeys,
    gopd: Reflect.getOwnPropertyDescriptor,
    defineProperty: Reflect.defineProperty,
    getPrototypeOf: Reflect.getPrototypeOf,
    setPrototypeOf: Reflect.setPrototypeOf,
    deleteProperty: Reflect.deleteProperty,
    has: Reflect.has,
    get: Reflect.get,
  };
  const ObjectToString = Object.prototype.toString;
  const windowNamesAtLoad = Object.getOwnPropertyNames(W);
  const windowSymbolsAtLoad = Object.getOwnPropertySymbols(W).map(String);
  const WebSocketAtLoad = W.WebSocket;
  const TIMEOUT = 4000;

  // ── describing values ──────────────────────────────────────────────────────────────────────
  const KNOWN = new Map([
    [Object.prototype, 'Object.prototype'],
    [Function.prototype, 'Function.prototype'],
    [EventTarget, 'EventTarget'],
    [EventTarget.prototype, 'EventTarget.prototype'],
    [WebSocket, 'WebSocket'],
    [WebSocket.prototype, 'WebSocket.prototype'],
    [Event.prototype, 'Event.prototype'],
    [MessageEvent.prototype, 'MessageEvent.prototype'],
    [CloseEvent.prototype, 'CloseEvent.prototype'],
    [Error.prototype, 'Error.prototype'],
    [DOMException.prototype, 'DOMException.prototype'],
    [TypeError.prototype, 'TypeError.prototype'],
    [SyntaxError.prototype, 'SyntaxError.prototype'],
  ]);
  const known = (o) => (o === null ? 'null' : KNOWN.get(o) || '(other ' + typeof o + ')');

  function prim(v) {
    if (v === undefined) return '(undefined)';
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return '(NaN)';
      if (Object.is(v, -0)) return '(-0)';
      if (!Number.isFinite(v)) return '(' + String(v) + ')';
      return v;
    }
    if (typeof v === 'symbol') return '(' + v.toString() + ')';
    if (typeof v === 'bigint') return '(' + String(v) + 'n)';
    return v;
  }

  function text(f, toString) {
    try {
      return R.apply(toString || FPTS, f, []);
    } catch (e) {
      return '(throws ' + errLine(e) + ')';
    }
  }

  function errLine(e) {
    try {
      return e && typeof e === 'object' ? e.name + ': ' + e.message : 'non-object ' + String(e);
    } catch (_) {
      return '(unreadable error)';
    }
  }

  function isConstructor(f) {
    try {
      R.construct(String, [], f);
      return true;
    } catch (_) {
      return false;
    }
  }

  /** Everything a page can ask a function without calling it. */
  function fnInfo(f) {
    if (typeof f !== 'function') return { type: typeof f, value: prim(f) };
    const out = {
      type: typeof f,
      name: prim(f.name),
      length: prim(f.length),
      fpts: text(f),
      string: (() => {
        try {
          return String(f);
        } catch (e) {
          return '(throws ' + errLine(e) + ')';
        }
      })(),
      template: (() => {
        try {
          return `${f}`;
        } catch (e) {
          return '(throws ' + errLine(e) + ')';
        }
      })(),
      ownToString: (() => {
        try {
          return f.toString();
        } catch (e) {
          return '(throws ' + errLine(e) + ')';
        }
      })(),
      ownKeys: R.ownKeys(f).map(String),
      isConstructor: isConstructor(f),
      proto: known(R.getPrototypeOf(f)),
      extensible: Object.isExtensible(f),
      hasPrototype: Object.prototype.hasOwnProperty.call(f, 'prototype'),
      tag: R.apply(ObjectToString, f, []),
    };
    for (const k of ['name', 'length', 'prototype']) {
      const d = R.gopd(f, k);
      out['desc:' + k] = d ? descShape(d, false) : '(none)';
    }
    return out;
  }

  function describe(v) {
    if (typeof v === 'function') return { fn: text(v), name: prim(v.name), length: prim(v.length) };
    if (v !== null && typeof v === 'object') return { object: R.apply(ObjectToString, v, []), known: known(v) };
    return prim(v);
  }

  function descShape(d, deep) {
    return {
      enumerable: d.enumerable,
      configurable: d.configurable,
      writable: 'writable' in d ? d.writable : '(accessor)',
      value: 'value' in d ? (deep ? describe(d.value) : typeof d.value) : '(accessor)',
      get: 'get' in d ? (deep && d.get ? fnInfo(d.get) : typeof d.get) : '(data)',
      set: 'set' in d ? (deep && d.set ? fnInfo(d.set) : typeof d.set) : '(data)',
    };
  }

  /** Own keys (in order) and the shape of each property. */
  function shape(obj, deep) {
    const keys = R.ownKeys(obj);
    const props = {};
    for (const k of keys) {
      const d = R.gopd(obj, k);
      props[String(k)] = d ? descShape(d, deep) : '(no descriptor)';
    }
    return {
      keys: keys.map(String),
      props,
      proto: known(R.getPrototypeOf(obj)),
      extensible: Object.isExtensible(obj),
      frozen: Object.isFrozen(obj),
      sealed: Object.isSealed(obj),
    };
  }

  function errInfo(e) {
    if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return { thrownPrimitive: prim(e) };
    const own = {};
    for (const k of R.ownKeys(e)) {
      const d = R.gopd(e, k);
      own[String(k)] = d ? descShape(d, false) : '(none)';
    }
    return {
      name: prim(e.name),
      message: prim(e.message),
      code: prim(e.code),
      isDOMException: e instanceof DOMException,
      isError: e instanceof Error,
      isTypeError: e instanceof TypeError,
      isSyntaxError: e instanceof SyntaxError,
      constructorName: e.constructor ? prim(e.constructor.name) : '(none)',
      proto: known(R.getPrototypeOf(e)),
      tag: R.apply(ObjectToString, e, []),
      string: String(e),
      own,
    };
  }

  function attempt(fn) {
    try {
      return { ok: true, value: describe(fn()) };
    } catch (e) {
      return { ok: false, error: errInfo(e) };
    }
  }

  // ── waiting, always bounded ────────────────────────────────────────────────────────────────
  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  function within(promise, what, ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('(timeout: ' + what + ')'), ms || TIMEOUT);
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e) => {
          clearTimeout(timer);
          resolve('(rejected: ' + what + ': ' + errLine(e) + ')');
        },
      );
    });
  }
  function nextEvent(target, type, what) {
    return within(
      new Promise((resolve) => target.addEventListener(type, resolve, { once: true })),
      what || type,
    );
  }
  const sockets = [];
  function socket(path, protocols, Ctor) {
    const C = Ctor || WebSocket;
    const ws = protocols === undefined ? new C(WS_BASE + path) : new C(WS_BASE + path, protocols);
    sockets.push(ws);
    return ws;
  }
  async function opened(path, protocols, Ctor) {
    const ws = socket(path, protocols, Ctor);
    const ev = await nextEvent(ws, 'open', 'open ' + path);
    return typeof ev === 'string' ? null : ws;
  }
  /** Sends `data` on an echo socket and resolves after every listener saw the echo. */
  function roundTrip(ws, data) {
    const p = within(
      new Promise((resolve) => ws.addEventListener('message', () => setTimeout(resolve, 0), { once: true })),
      'echo of ' + String(data),
    );
    ws.send(data);
    return p;
  }
  const closeAll = () => {
    for (const ws of sockets) {
      try {
        ws.close();
      } catch (_) {
        // already failed to construct or close: nothing to do
      }
    }
  };

  // ── 1. functions, constructor, prototype, statics ──────────────────────────────────────────
  function functionsSection() {
    const proto = WebSocket.prototype;
    const fns = {
      WebSocket,
      'WebSocket.prototype.send': proto.send,
      'WebSocket.prototype.close': proto.close,
      'EventTarget.prototype.addEventListener': EventTarget.prototype.addEventListener,
      'EventTarget.prototype.removeEventListener': EventTarget.prototype.removeEventListener,
      'EventTarget.prototype.dispatchEvent': EventTarget.prototype.dispatchEvent,
      'Function.prototype.toString': Function.prototype.toString,
      EventTarget,
    };
    for (const key of R.ownKeys(proto)) {
      const d = R.gopd(proto, key);
      if (d && d.get) fns['get ' + String(key)] = d.get;
      if (d && d.set) fns['set ' + String(key)] = d.set;
    }
    const out = {};
    for (const name of Object.keys(fns)) out[name] = fnInfo(fns[name]);

    const ts = Function.prototype.toString;
    out.toStringOf = {
      itself: text(ts),
      viaCall: text(ts.call, ts),
      viaApplyOnWebSocket: R.apply(ts.apply, ts, [WebSocket, []]),
      reflectApply: R.apply(ts, WebSocket, []),
      callCall: ts.call.call(ts, WebSocket),
      onPlainObject: attempt(() => ts.call({})),
      onNull: attempt(() => ts.call(null)),
      asConstructor: attempt(() => new ts()),
      onClass: text(class Probe {}),
      onArrow: text(() => 1),
      onAsync: text(async function probeAsync() {}),
      onGenerator: text(function* probeGen() {}),
      onNativeMath: text(Math.max),
      onFunctionPrototype: text(Function.prototype),
      onBound: text(WebSocket.bind(null)),
      onPageProxyOfWebSocket: text(new Proxy(WebSocket, {})),
      onPageProxyOfFunction: text(new Proxy(function pageFn() {}, {})),
      onSymbolCtor: text(Symbol),
      boundName: WebSocket.bind(null).name,
      boundLength: WebSocket.bind(null).length,
      toStringIsInherited: WebSocket.toString === Function.prototype.toString,
      ownToStringOfProto: Object.prototype.hasOwnProperty.call(WebSocket, 'toString'),
    };
    return out;
  }

  function constructorSection() {
    const proto = WebSocket.prototype;
    const statics = {};
    for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) {
      statics[k] = { ctor: WebSocket[k], proto: proto[k] };
    }
    return {
      statics,
      protoConstructorIsWebSocket: proto.constructor === WebSocket,
      globalIsAtLoad: W.WebSocket === WebSocketAtLoad,
      globalThisSame: globalThis.WebSocket === WebSocket && self.WebSocket === WebSocket,
      ctorProto: known(R.getPrototypeOf(WebSocket)),
      protoProto: known(R.getPrototypeOf(proto)),
      protoTag: R.apply(ObjectToString, proto, []),
      toStringTag: prim(proto[Symbol.toStringTag]),
      protoInstanceOfEventTarget: proto instanceof EventTarget,
      hasInstanceOwn: Object.prototype.hasOwnProperty.call(WebSocket, Symbol.hasInstance),
      protoIsPrototypeOf: attempt(() => EventTarget.prototype.isPrototypeOf(proto)),
      keys: Object.keys(WebSocket),
      entries: Object.entries(WebSocket).map(([k, v]) => [k, prim(v)]),
      forInCtor: (() => {
        const ks = [];
        for (const k in WebSocket) ks.push(k);
        return ks;
      })(),
      shapeWebSocket: shape(WebSocket, true),
      shapeProto: shape(proto, true),
      shapeEventTarget: shape(EventTarget, true),
      shapeEventTargetProto: shape(EventTarget.prototype, true),
      shapeFunctionPrototype: shape(Function.prototype, false),
      toStringDescriptor: descShape(R.gopd(Function.prototype, 'toString'), true),
      windowWebSocket: descShape(R.gopd(W, 'WebSocket'), false),
      inWindow: 'WebSocket' in W,
      protoOwnNamesOfSend: Object.getOwnPropertyNames(proto.send),
      sendHasCaller: attempt(() => Object.prototype.hasOwnProperty.call(proto.send, 'caller')),
      sendCaller: attempt(() => proto.send.caller),
      sendArguments: attempt(() => proto.send.arguments),
      ctorCaller: attempt(() => WebSocket.caller),
      ctorArguments: attempt(() => WebSocket.arguments),
      assignStatic: attempt(() => {
        WebSocket.OPEN = 5;
      }),
      assignCaller: attempt(() => {
        WebSocket.caller = 1;
      }),
      assignName: attempt(() => {
        WebSocket.prototype.send.name = 'x';
      }),
      assignExpando: attempt(() => {
        WebSocket.prototype.send.pageExpando = 1;
        const seen = WebSocket.prototype.send.pageExpando;
        delete WebSocket.prototype.send.pageExpando;
        return seen;
      }),
      defineOnCtor: attempt(() => {
        Object.defineProperty(WebSocket, 'pageDefined', { value: 1, configurable: true });
        const d = Object.getOwnPropertyDescriptor(WebSocket, 'pageDefined');
        delete WebSocket.pageDefined;
        return JSON.stringify(d) + ' ' + ('pageDefined' in WebSocket);
      }),
      deleteStatic: attempt(() => delete WebSocket.CONNECTING),
      proxyOfCtorIsCtor: isConstructor(new Proxy(WebSocket, {})),
      structuredCloneCtor: attempt(() => structuredClone(WebSocket)),
      json: attempt(() => JSON.stringify(WebSocket)),
      sealedAfter: attempt(() => {
        // Extensibility is forwarded: ask without changing anything.
        return Object.isExtensible(WebSocket) && Object.isExtensible(proto);
      }),
    };
  }

  // ── 2. calling, constructing, subclassing ──────────────────────────────────────────────────
  async function constructionSection() {
    const out = {};
    out.withoutNew = attempt(() => WebSocket(WS_BASE + '/ws/hold'));
    out.withoutNewViaCall = attempt(() => WebSocket.call(null, WS_BASE + '/ws/hold'));
    out.noArguments = attempt(() => new WebSocket());
    out.applyOnProto = attempt(() => WebSocket.prototype.send.call({}, 'x'));
    out.sendOnPrototype = attempt(() => WebSocket.prototype.send('x'));
    out.getterOnPrototype = attempt(() => WebSocket.prototype.readyState);
    out.sendAsConstructor = attempt(() => new WebSocket.prototype.send());

    const ws = socket('/ws/hold');
    out.instance = {
      proto: R.getPrototypeOf(ws) === WebSocket.prototype,
      instanceOf: ws instanceof WebSocket,
      instanceOfEventTarget: ws instanceof EventTarget,
      hasInstance: WebSocket[Symbol.hasInstance](ws),
      fnHasInstance: Function.prototype[Symbol.hasInstance].call(WebSocket, ws),
      constructorIs: ws.constructor === WebSocket,
      isPrototypeOf: WebSocket.prototype.isPrototypeOf(ws),
      tag: R.apply(ObjectToString, ws, []),
      string: String(ws),
      json: JSON.stringify(ws),
      shape: shape(ws, true),
      forIn: (() => {
        const ks = [];
        for (const k in ws) ks.push(k);
        return ks;
      })(),
      readyState: ws.readyState,
      url: ws.url,
      protocol: ws.protocol,
      extensions: ws.extensions,
      binaryType: ws.binaryType,
      bufferedAmount: ws.bufferedAmount,
      bufferedAmountType: typeof ws.bufferedAmount,
      handlers: [ws.onopen, ws.onmessage, ws.onerror, ws.onclose].map(prim),
      structuredClone: attempt(() => structuredClone(ws)),
    };

    class Sub extends WebSocket {
      constructor(url, protocols) {
        super(url, protocols);
        this.sawNewTarget = new.target === Sub;
        this.newTargetName = new.target.name;
      }
      hello() {
        return 'hello from ' + this.constructor.name;
      }
    }
    const sub = socket('/ws/echo', undefined, Sub);
    out.subclass = {
      instanceOfSub: sub instanceof Sub,
      instanceOfWebSocket: sub instanceof WebSocket,
      proto: R.getPrototypeOf(sub) === Sub.prototype,
      subProtoProto: R.getPrototypeOf(Sub.prototype) === WebSocket.prototype,
      subCtorProto: R.getPrototypeOf(Sub) === WebSocket,
      hello: sub.hello(),
      sawNewTarget: sub.sawNewTarget,
      newTargetName: sub.newTargetName,
      ownKeys: Object.keys(sub),
      readyState: sub.readyState,
      statics: [Sub.CONNECTING, Sub.OPEN, Sub.CLOSING, Sub.CLOSED],
      subString: text(Sub),
    };
    const openEvent = await nextEvent(sub, 'open', 'subclass open');
    out.subclass.opened = typeof openEvent !== 'string';
    if (out.subclass.opened) {
      const echo = within(new Promise((r) => (sub.onmessage = (e) => r(e.data))), 'subclass echo');
      sub.send('sub');
      out.subclass.echo = await echo;
    }

    function Plain() {}
    Plain.prototype = Object.create(WebSocket.prototype, { plain: { value: true } });
    const viaReflect = R.construct(WebSocket, [WS_BASE + '/ws/hold'], Plain);
    sockets.push(viaReflect);
    out.reflectConstruct = {
      protoIsPlain: R.getPrototypeOf(viaReflect) === Plain.prototype,
      plain: viaReflect.plain === true,
      instanceOfWebSocket: viaReflect instanceof WebSocket,
      readyState: viaReflect.readyState,
    };
    out.reflectConstructNonCtor = attempt(() => R.construct(WebSocket, [WS_BASE + '/ws/hold'], () => 1));
    const Bound = WebSocket.bind(null, WS_BASE + '/ws/hold');
    const bound = new Bound();
    sockets.push(bound);
    out.bound = { instanceOf: bound instanceof WebSocket, url: bound.url, proto: R.getPrototypeOf(bound) === WebSocket.prototype };
    return out;
  }

  // ── 3. errors the page gets ────────────────────────────────────────────────────────────────
  async function errorsSection() {
    const out = {};
    const construct = (label, ...args) => {
      out['new ' + label] = attempt(() => {
        const ws = new WebSocket(...args);
        sockets.push(ws);
        return ws.url + ' | ' + ws.readyState;
      });
    };
    construct("'http://x y'", 'http://x y');
    construct("'nope'", 'nope');
    construct('fragment', WS_BASE + '/ws/hold#frag');
    construct('empty fragment', WS_BASE + '/ws/hold#');
    construct("'ftp://x'", 'ftp://x/');
    construct('http URL', 'http://' + HOST + '/ws/hold?http');
    construct('relative URL', '/ws/hold?relative');
    construct('spaces in query', WS_BASE + '/ws/hold?a b');
    construct('duplicate protocols', WS_BASE + '/ws/hold', ['a', 'a']);
    construct('invalid token', WS_BASE + '/ws/hold', 'bad token');
    construct('invalid token in list', WS_BASE + '/ws/hold', ['ok', 'bad,comma']);
    construct('empty protocol', WS_BASE + '/ws/hold', '');
    construct('null protocols', WS_BASE + '/ws/hold', null);
    construct('undefined protocols', WS_BASE + '/ws/hold', undefined);
    construct('number protocol', WS_BASE + '/ws/hold', 42);
    construct('symbol url', Symbol('u'));
    construct('symbol protocol', WS_BASE + '/ws/hold', Symbol('p'));
    construct('non-ASCII protocol', WS_BASE + '/ws/hold', 'é');

    const held = socket('/ws/hold');
    out.sendBeforeOpen = attempt(() => held.send('early'));
    out.sendNoArgs = attempt(() => held.send());
    out.sendSymbol = attempt(() => held.send(Symbol('s')));
    // Chromium delays new connections after failed handshakes (a close() while CONNECTING is
    // one): invalid codes are tried on one open socket, valid ones each on an open socket.
    const target = await opened('/ws/hold');
    const invalid = [
      ['1001', [1001]],
      ['5000', [5000]],
      ['0', [0]],
      ['-1', [-1]],
      ['2999', [2999]],
      ['NaN', [NaN]],
      ['66536', [66536]],
      ['1000, 124 x', [1000, 'x'.repeat(124)]],
      ["3000, 'é' x 62", [3000, 'é'.repeat(62)]],
      ['1000, symbol', [1000, Symbol('r')]],
    ];
    for (const [label, args] of invalid) {
      out['close(' + label + ')'] = target ? attempt(() => target.close(...args)) : '(no socket)';
      out['close(' + label + ') readyState'] = target ? target.readyState : '(no socket)';
    }
    const valid = [
      ['1000.5', [1000.5]],
      ["'1000'", ['1000']],
      ['1000, 123 x', [1000, 'x'.repeat(123)]],
      ["3000, 'é' x 61", [3000, 'é'.repeat(61)]],
      ['undefined, reason', [undefined, 'r']],
      ['4999, lone surrogate', [4999, '\ud800']],
      ['none', []],
    ];
    for (const [label, args] of valid) {
      const ws = await opened('/ws/echo');
      if (!ws) {
        out['close(' + label + ')'] = '(no socket)';
        continue;
      }
      const events = [];
      ws.onclose = (e) => events.push([e.code, e.reason, e.wasClean]);
      out['close(' + label + ')'] = attempt(() => ws.close(...args));
      out['close(' + label + ') readyState'] = ws.readyState;
      await nextEvent(ws, 'close', 'close ' + label);
      await delay(0);
      out['close(' + label + ') event'] = events;
    }
    const twice = await opened('/ws/echo');
    out.closeTwice = twice
      ? [attempt(() => twice.close(1000)), attempt(() => twice.close(5000)), attempt(() => twice.close(4000)), twice.readyState]
      : '(no socket)';
    return out;
  }

  /** Conversions of page objects: each getter, trap and toString call the browser makes. */
  function conversionsSection() {
    const out = {};
    const log = [];
    const urlObject = {
      toString() {
        log.push('url.toString');
        return WS_BASE + '/ws/hold?from-object';
      },
    };
    const arrayWithGetters = ['g1'];
    Object.defineProperty(arrayWithGetters, 1, {
      get() {
        log.push('protocols[1]');
        return 'g2';
      },
      enumerable: true,
      configurable: true,
    });
    const proxyTarget = ['px1', 'px2'];
    const proxyProtocols = new Proxy(proxyTarget, {
      get(t, k, r) {
        log.push('proxy.get ' + String(k));
        return R.get(t, k, r);
      },
      has(t, k) {
        log.push('proxy.has ' + String(k));
        return R.has(t, k);
      },
      getOwnPropertyDescriptor(t, k) {
        log.push('proxy.gopd ' + String(k));
        return R.gopd(t, k);
      },
      ownKeys(t) {
        log.push('proxy.ownKeys');
        return R.ownKeys(t);
      },
      getPrototypeOf(t) {
        log.push('proxy.getPrototypeOf');
        return R.getPrototypeOf(t);
      },
    });
    const iterable = {
      [Symbol.iterator]() {
        log.push('iterable[Symbol.iterator]');
        let i = 0;
        return {
          next() {
            log.push('iterator.next');
            i++;
            return i <= 2 ? { done: false, value: 'it' + i } : { done: true, value: undefined };
          },
        };
      },
    };
    const protocolObject = {
      toString() {
        log.push('protocol.toString');
        return 'objproto';
      },
    };
    const cases = [
      ['url object', () => new WebSocket(urlObject)],
      ['protocols with a getter', () => new WebSocket(WS_BASE + '/ws/hold', arrayWithGetters)],
      ['protocols as a Proxy', () => new WebSocket(WS_BASE + '/ws/hold', proxyProtocols)],
      ['protocols as an iterable', () => new WebSocket(WS_BASE + '/ws/hold', iterable)],
      ['protocols as a Set', () => new WebSocket(WS_BASE + '/ws/hold', new Set(['s1', 's2']))],
      ['protocol object', () => new WebSocket(WS_BASE + '/ws/hold', protocolObject)],
      ['url object and protocols iterable', () => new WebSocket(urlObject, iterable)],
    ];
    for (const [label, make] of cases) {
      log.length = 0;
      const result = attempt(() => {
        const ws = make();
        sockets.push(ws);
        return ws.url;
      });
      out[label] = { result, log: log.slice() };
    }

    // addEventListener / removeEventListener options objects.
    const ws = socket('/ws/hold');
    const optionGetters = (label) => {
      const o = {};
      for (const k of ['capture', 'once', 'passive', 'signal', 'other']) {
        Object.defineProperty(o, k, {
          get() {
            log.push(label + '.' + k);
            return k === 'capture' ? true : undefined;
          },
          enumerable: true,
        });
      }
      return o;
    };
    const optionProxy = (label) =>
      new Proxy(
        {},
        {
          get(t, k) {
            log.push(label + ' get ' + String(k));
            return k === 'once' ? true : undefined;
          },
          has(t, k) {
            log.push(label + ' has ' + String(k));
            return false;
          },
          getOwnPropertyDescriptor(t, k) {
            log.push(label + ' gopd ' + String(k));
            return undefined;
          },
          getPrototypeOf() {
            log.push(label + ' getPrototypeOf');
            return Object.prototype;
          },
          ownKeys() {
            log.push(label + ' ownKeys');
            return [];
          },
        },
      );
    const listener = () => undefined;
    const optionCases = [
      ['add getters', () => ws.addEventListener('message', listener, optionGetters('add'))],
      ['remove getters', () => ws.removeEventListener('message', listener, optionGetters('remove'))],
      ['add proxy', () => ws.addEventListener('message', listener, optionProxy('add'))],
      ['remove proxy', () => ws.removeEventListener('message', listener, optionProxy('remove'))],
      [
        'add inherited options',
        () => ws.addEventListener('open', listener, Object.create(optionGetters('inherited'))),
      ],
      ['add bad signal', () => ws.addEventListener('message', listener, { signal: {} })],
      ['add null listener', () => ws.addEventListener('message', null)],
      ['add number listener', () => ws.addEventListener('message', 5)],
      ['add no arguments', () => ws.addEventListener()],
      ['add one argument', () => ws.addEventListener('message')],
      ['remove unknown', () => ws.removeEventListener('message', () => 1)],
      ['add symbol type', () => ws.addEventListener(Symbol('t'), listener)],
      [
        'add object type',
        () =>
          ws.addEventListener(
            {
              toString() {
                log.push('type.toString');
                return 'objtype';
              },
            },
            listener,
          ),
      ],
      [
        'handleEvent getter not read at add',
        () =>
          ws.addEventListener('message', {
            get handleEvent() {
              log.push('handleEvent read');
              return () => undefined;
            },
          }),
      ],
    ];
    for (const [label, run] of optionCases) {
      log.length = 0;
      out['options: ' + label] = { result: attempt(run), log: log.slice() };
    }

    // on* setters and binaryType with objects.
    log.length = 0;
    const handlerObject = {
      handleEvent() {
        log.push('handler object handleEvent');
      },
    };
    out.onmessageObject = attempt(() => {
      ws.onmessage = handlerObject;
      return ws.onmessage === handlerObject;
    });
    out.onmessageString = attempt(() => {
      ws.onmessage = 'alert(1)';
      return ws.onmessage;
    });
    out.onmessageNumber = attempt(() => {
      ws.onmessage = 5;
      return ws.onmessage;
    });
    out.binaryTypeObject = attempt(() => {
      ws.binaryType = {
        toString() {
          log.push('binaryType.toString');
          return 'arraybuffer';
        },
      };
      return ws.binaryType;
    });
    out.binaryTypeInvalid = attempt(() => {
      ws.binaryType = 'nonsense';
      return ws.binaryType;
    });
    out.binaryTypeSymbol = attempt(() => {
      ws.binaryType = Symbol('b');
      return ws.binaryType;
    });
    out.setterLog = log.slice();
    return out;
  }

  // ── 4. lifecycle: readyState, events, close codes ──────────────────────────────────────────
  function eventInfo(e, ws) {
    return {
      type: e.type,
      ctor: e.constructor.name,
      proto: known(R.getPrototypeOf(e)),
      tag: R.apply(ObjectToString, e, []),
      isTrusted: e.isTrusted,
      ownKeys: Object.getOwnPropertyNames(e),
      targetIsSocket: e.target === ws,
      currentTargetIsSocket: e.currentTarget === ws,
      srcElement: e.srcElement === ws,
      eventPhase: e.eventPhase,
      bubbles: e.bubbles,
      cancelable: e.cancelable,
      composed: e.composed,
      defaultPrevented: e.defaultPrevented,
      returnValue: e.returnValue,
      cancelBubble: e.cancelBubble,
      composedPath: e.composedPath().length,
      timeStampType: typeof e.timeStamp,
      readyState: ws.readyState,
      data: 'data' in e ? describe(e.data) : '(none)',
      origin: 'origin' in e ? e.origin : '(none)',
      lastEventId: 'lastEventId' in e ? e.lastEventId : '(none)',
      source: 'source' in e ? describe(e.source) : '(none)',
      ports: 'ports' in e ? e.ports.length : '(none)',
      code: 'code' in e ? e.code : '(none)',
      reason: 'reason' in e ? e.reason : '(none)',
      wasClean: 'wasClean' in e ? e.wasClean : '(none)',
    };
  }

  async function lifecycle(path, act) {
    const events = [];
    const ws = socket(path);
    const states = [['created', ws.readyState]];
    const done = within(
      new Promise((resolve) => {
        for (const type of ['open', 'message', 'error', 'close']) {
          ws.addEventListener(type, (e) => {
            events.push(eventInfo(e, ws));
            if (type === 'open' && act) act(ws, states);
            if (type === 'close') setTimeout(resolve, 0);
          });
        }
      }),
      'lifecycle ' + path,
    );
    const finished = await done;
    return { states, events, finished: typeof finished === 'string' ? finished : 'closed', final: ws.readyState, buffered: ws.bufferedAmount };
  }

  async function lifecycleSection() {
    return {
      pageClose: await lifecycle('/ws/echo', (ws, states) => {
        states.push(['open', ws.readyState]);
        ws.close(4000, 'r');
        states.push(['after close()', ws.readyState]);
        states.push(['send while closing', attempt(() => ws.send('late'))]);
        states.push(['close again', attempt(() => ws.close(4001, 'again'))]);
      }),
      serverClose: await lifecycle('/ws/close?code=4001&reason=kicked'),
      rejected: await lifecycle('/ws/reject'),
      dropped: await lifecycle('/ws/drop?after=30'),
      closeWhileConnecting: await (async () => {
        const ws = socket('/ws/hold');
        const events = [];
        for (const type of ['open', 'error', 'close']) ws.addEventListener(type, (e) => events.push(eventInfo(e, ws)));
        ws.close(1000, 'never mind');
        const rs = ws.readyState;
        await nextEvent(ws, 'close', 'close while connecting');
        await delay(0);
        return { afterCall: rs, events };
      })(),
    };
  }

  // ── 5. listener semantics ──────────────────────────────────────────────────────────────────
  async function listenersSection() {
    const ws = await opened('/ws/echo');
    if (!ws) return { error: 'echo socket did not open' };
    const out = {};
    const calls = {};
    const count = (k) => () => {
      calls[k] = (calls[k] || 0) + 1;
    };

    const once = count('once');
    ws.addEventListener('message', once, { once: true });
    await roundTrip(ws, 'once-1');
    await roundTrip(ws, 'once-2');
    out.once = calls.once || 0;
    out.onceRemovable = attempt(() => ws.removeEventListener('message', once));

    const controller = new AbortController();
    ws.addEventListener('message', count('signal'), { signal: controller.signal });
    await roundTrip(ws, 'signal-1');
    controller.abort();
    await roundTrip(ws, 'signal-2');
    out.signal = calls.signal || 0;

    ws.addEventListener('message', count('aborted'), { signal: AbortSignal.abort() });
    await roundTrip(ws, 'aborted');
    out.alreadyAborted = calls.aborted || 0;

    const handler = {
      calls: 0,
      thisOk: null,
      handleEvent(e) {
        this.calls++;
        this.thisOk = this === handler;
        this.type = e.type;
      },
    };
    ws.addEventListener('message', handler);
    await roundTrip(ws, 'handle-1');
    handler.handleEvent = function (e) {
      this.swapped = (this.swapped || 0) + 1;
      this.swappedType = e.type;
    };
    await roundTrip(ws, 'handle-2');
    ws.removeEventListener('message', handler);
    await roundTrip(ws, 'handle-3');
    out.handleEvent = { calls: handler.calls, thisOk: handler.thisOk, type: handler.type, swapped: handler.swapped, swappedType: handler.swappedType };

    const dup = count('duplicate');
    ws.addEventListener('message', dup);
    ws.addEventListener('message', dup);
    ws.addEventListener('message', dup, { once: true });
    ws.addEventListener('message', dup, false);
    await roundTrip(ws, 'dup');
    out.duplicate = calls.duplicate || 0;
    ws.removeEventListener('message', dup);

    const cap = count('capture');
    ws.addEventListener('message', cap, true);
    ws.addEventListener('message', cap, false);
    await roundTrip(ws, 'capture-1');
    out.captureBoth = calls.capture || 0;
    ws.removeEventListener('message', cap, { capture: true });
    await roundTrip(ws, 'capture-2');
    out.captureAfterRemovingOne = (calls.capture || 0) - out.captureBoth;
    ws.removeEventListener('message', cap);

    const onm = count('onmessage');
    ws.onmessage = onm;
    out.onmessageIdentity = ws.onmessage === onm;
    ws.removeEventListener('message', onm);
    await roundTrip(ws, 'onmessage');
    out.onmessageAfterRemoveEventListener = calls.onmessage || 0;
    ws.onmessage = null;
    out.onmessageCleared = prim(ws.onmessage);
    await roundTrip(ws, 'onmessage-cleared');
    out.onmessageCallsAfterClear = calls.onmessage || 0;
    ws.addEventListener('message', onm);
    ws.onmessage = onm;
    await roundTrip(ws, 'onmessage-and-listener');
    out.sameFunctionAsListenerAndHandler = (calls.onmessage || 0) - out.onmessageCallsAfterClear;
    ws.removeEventListener('message', onm);
    ws.onmessage = null;

    // Order of invocation for one received message.
    const order = [];
    const tag = (name) => (e) => order.push(name + ':' + e.eventPhase);
    ws.addEventListener('message', tag('A'));
    ws.onmessage = tag('B(onmessage)');
    ws.addEventListener('message', tag('C(capture)'), true);
    ws.addEventListener('message', tag('D'));
    ws.addEventListener('message', { handleEvent: tag('E(handleEvent)') });
    ws.addEventListener('message', tag('F(capture)'), { capture: true });
    await roundTrip(ws, 'order-1');
    out.order1 = order.splice(0);
    ws.onmessage = tag('B2(replaced in place)');
    await roundTrip(ws, 'order-2');
    out.order2 = order.splice(0);
    ws.onmessage = null;
    ws.onmessage = tag('B3(re-added last)');
    await roundTrip(ws, 'order-3');
    out.order3 = order.splice(0);

    // Listeners that stop propagation or throw.
    const stopper = socket('/ws/echo');
    await nextEvent(stopper, 'open', 'stopper open');
    const seen = [];
    stopper.addEventListener('message', (e) => {
      seen.push('first');
      e.stopImmediatePropagation();
    });
    stopper.addEventListener('message', () => seen.push('second'));
    stopper.onmessage = () => seen.push('onmessage');
    await within(
      new Promise((resolve) => {
        stopper.send('stop');
        setTimeout(resolve, 200);
      }),
      'stopper',
    );
    out.stopImmediatePropagation = seen;

    // Synthetic events reach the page's listeners, never as trusted.
    const synthetic = [];
    const syn = (e) =>
      synthetic.push({ type: e.type, trusted: e.isTrusted, data: 'data' in e ? describe(e.data) : '(none)', phase: e.eventPhase, rs: ws.readyState });
    ws.onmessage = syn;
    ws.onclose = syn;
    ws.onopen = syn;
    ws.onerror = syn;
    ws.addEventListener('custom', syn);
    ws.addEventListener('message', syn, { once: true });
    out.dispatchEvent = [
      ws.dispatchEvent(new Event('message')),
      ws.dispatchEvent(new MessageEvent('message', { data: 'synthetic' })),
      ws.dispatchEvent(new CloseEvent('close', { code: 4999, reason: 'fake', wasClean: true })),
      ws.dispatchEvent(new Event('open')),
      ws.dispatchEvent(new Event('error', { cancelable: true })),
      ws.dispatchEvent(new CustomEvent('custom', { detail: 1 })),
      attempt(() => ws.dispatchEvent({ type: 'message' })),
      attempt(() => ws.dispatchEvent()),
    ];
    out.synthetic = synthetic.splice(0);
    out.readyStateAfterSynthetic = ws.readyState;
    // The once listener was used by the first synthetic event: the real echo reaches onmessage only.
    await roundTrip(ws, 'after-synthetic');
    out.afterSynthetic = synthetic.map((s) => s.type + ':' + s.trusted);
    ws.onmessage = ws.onclose = ws.onopen = ws.onerror = null;

    // A received message's event, as a listener sees it.
    const info = await within(
      new Promise((resolve) => {
        ws.addEventListener('message', (e) => resolve(eventInfo(e, ws)), { once: true });
        ws.send('inspect');
      }),
      'inspect',
    );
    out.messageEvent = info;
    ws.close();
    return out;
  }

  // ── 6. binary data, bufferedAmount, order of 200 messages ──────────────────────────────────
  async function dataSection() {
    const ws = await opened('/ws/echo');
    if (!ws) return { error: 'echo socket did not open' };
    const out = { defaultBinaryType: ws.binaryType };
    const receive = (payload) =>
      within(
        new Promise((resolve) => {
          ws.addEventListener('message', (e) => resolve(e.data), { once: true });
          ws.send(payload);
        }),
        'binary echo',
      );
    const asBlob = await receive(new Uint8Array([1, 2, 3]));
    out.blob = { tag: R.apply(ObjectToString, asBlob, []), size: asBlob.size, type: asBlob.type };
    ws.binaryType = 'arraybuffer';
    out.afterSet = ws.binaryType;
    const asBuffer = await receive(new Uint8Array([4, 5, 6, 7]).buffer);
    out.arraybuffer = { tag: R.apply(ObjectToString, asBuffer, []), bytes: Array.from(new Uint8Array(asBuffer)) };
    const fromView = await receive(new DataView(new Uint8Array([9, 8, 7, 6, 5]).buffer, 1, 3));
    out.dataView = Array.from(new Uint8Array(fromView));
    const fromBlob = await receive(new Blob(['blob!']));
    out.fromBlob = Array.from(new Uint8Array(fromBlob));
    const textBack = await receive('é ☃ 𝄞');
    out.text = textBack;
    const numberBack = await receive(42);
    out.numberSent = numberBack;
    const objectBack = await receive({ toString: () => 'custom toString' });
    out.objectSent = objectBack;
    out.bufferedAmountType = typeof ws.bufferedAmount;

    const received = [];
    const all = within(
      new Promise((resolve) => {
        ws.onmessage = (e) => {
          received.push(e.data);
          if (received.length === 200) resolve();
        };
      }),
      '200 echoes',
      8000,
    );
    for (let i = 0; i < 200; i++) ws.send('m' + i);
    await all;
    ws.onmessage = null;
    let inOrder = received.length === 200;
    for (let i = 0; i < received.length; i++) if (received[i] !== 'm' + i) inOrder = false;
    out.twoHundred = { count: received.length, inOrder };
    ws.close(1000, 'data done');
    return out;
  }

  // ── 7. built-ins the page can patch: the hook must never call them ─────────────────────────
  function iteratorProto(iterable) {
    return R.getPrototypeOf(iterable[Symbol.iterator]());
  }
  function tripwireTargets() {
    const t = [];
    const methods = (owner, label, names) => {
      for (const n of names) if (owner && typeof R.gopd(owner, n)?.value === 'function') t.push([owner, n, label + '.' + String(n)]);
    };
    methods(Array.prototype, 'Array.prototype', [
      'push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'map', 'filter', 'forEach', 'join', 'indexOf',
      'lastIndexOf', 'includes', 'find', 'findIndex', 'some', 'every', 'reduce', 'concat', 'fill', 'keys',
      'values', 'entries', 'at', 'flat', 'sort', 'reverse', Symbol.iterator,
    ]);
    methods(Array, 'Array', ['isArray', 'from', 'of']);
    methods(iteratorProto([]), 'ArrayIterator', ['next']);
    methods(iteratorProto(new Map()), 'MapIterator', ['next']);
    methods(iteratorProto(new Set()), 'SetIterator', ['next']);
    methods(iteratorProto(''), 'StringIterator', ['next']);
    methods(Map.prototype, 'Map.prototype', ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'entries', 'keys', 'values', Symbol.iterator]);
    methods(Set.prototype, 'Set.prototype', ['add', 'has', 'delete', 'clear', 'forEach', 'values', 'entries', Symbol.iterator]);
    methods(WeakMap.prototype, 'WeakMap.prototype', ['get', 'set', 'has', 'delete']);
    methods(WeakSet.prototype, 'WeakSet.prototype', ['add', 'has', 'delete']);
    methods(String.prototype, 'String.prototype', [
      'slice', 'substring', 'substr', 'charCodeAt', 'charAt', 'codePointAt', 'indexOf', 'lastIndexOf', 'includes',
      'startsWith', 'endsWith', 'split', 'replace', 'replaceAll', 'match', 'trim', 'trimStart', 'trimEnd',
      'toLowerCase', 'toUpperCase', 'padStart', 'padEnd', 'concat', 'repeat', 'at', 'normalize', Symbol.iterator,
    ]);
    methods(String, 'String', ['fromCharCode', 'fromCodePoint', 'raw']);
    methods(RegExp.prototype, 'RegExp.prototype', ['exec', 'test', Symbol.split, Symbol.replace, Symbol.match, Symbol.matchAll, Symbol.search]);
    methods(Function.prototype, 'Function.prototype', ['call', 'apply', 'bind']);
    methods(Reflect, 'Reflect', ['apply', 'construct', 'get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'getPrototypeOf', 'setPrototypeOf', 'deleteProperty']);
    methods(Object, 'Object', [
      'assign', 'keys', 'values', 'entries', 'freeze', 'create', 'defineProperty', 'defineProperties',
      'getOwnPropertyDescriptor', 'getOwnPropertyNames', 'getPrototypeOf', 'setPrototypeOf', 'fromEntries', 'hasOwn', 'is',
    ]);
    methods(Object.prototype, 'Object.prototype', ['hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);
    methods(JSON, 'JSON', ['stringify', 'parse']);
    methods(Math, 'Math', ['min', 'max', 'floor', 'ceil', 'round', 'random', 'abs', 'trunc']);
    methods(Number, 'Number', ['isInteger', 'isFinite', 'isNaN', 'parseInt', 'parseFloat']);
    methods(Number.prototype, 'Number.prototype', ['toString', 'toFixed']);
    methods(ArrayBuffer, 'ArrayBuffer', ['isView']);
    methods(ArrayBuffer.prototype, 'ArrayBuffer.prototype', ['slice']);
    methods(R.getPrototypeOf(Uint8Array.prototype), 'TypedArray.prototype', ['set', 'subarray', 'slice', 'map', 'join', Symbol.iterator]);
    methods(Symbol, 'Symbol', ['for', 'keyFor']);
    methods(Promise.prototype, 'Promise.prototype', ['then', 'catch', 'finally']);
    methods(Promise, 'Promise', ['resolve', 'reject', 'all']);
    methods(Date, 'Date', ['now']);
    methods(Error, 'Error', ['captureStackTrace', 'isError']);
    methods(Error.prototype, 'Error.prototype', ['toString']);
    methods(W, 'window', ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'requestAnimationFrame', 'structuredClone', 'postMessage', 'dispatchEvent', 'addEventListener', 'removeEventListener']);
    methods(Performance.prototype, 'Performance.prototype', ['now', 'mark', 'measure']);
    methods(EventTarget.prototype, 'EventTarget.prototype', ['addEventListener', 'removeEventListener', 'dispatchEvent']);
    methods(MessagePort.prototype, 'MessagePort.prototype', ['postMessage', 'start', 'close']);
    methods(Event.prototype, 'Event.prototype', ['stopPropagation', 'stopImmediatePropagation', 'preventDefault', 'composedPath']);
    methods(TextEncoder.prototype, 'TextEncoder.prototype', ['encode']);
    methods(TextDecoder.prototype, 'TextDecoder.prototype', ['decode']);
    methods(console, 'console', ['log', 'warn', 'error', 'info', 'debug', 'trace']);
    methods(Blob.prototype, 'Blob.prototype', ['slice', 'text', 'arrayBuffer']);
    methods(AbortSignal.prototype, 'AbortSignal.prototype', ['addEventListener', 'throwIfAborted']);
    // Constructors the hook might call by their global name.
    const ctors = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Error', 'Array', 'Object', 'Promise', 'MessageChannel', 'MessageEvent', 'Event', 'CustomEvent', 'Uint8Array', 'DataView', 'Blob', 'TextEncoder', 'RegExp', 'Function'];
    for (const n of ctors) t.push([W, n, 'new ' + n]);
    return t;
  }
  function accessorTrips(withPrepareStackTrace) {
    // Getters/setters a page can put where the hook might read or write without noticing.
    const t = [];
    for (const i of ['0', '1', '2', '3']) t.push([Array.prototype, i, 'Array.prototype[' + i + ']']);
    t.push([Array.prototype, 'constructor', 'Array.prototype.constructor']);
    // Object.prototype: names the hook's objects might inherit from, including every Proxy trap
    // name (a handler object that inherits from Object.prototype looks each missing trap up there).
    const objectKeys = [
      'then', 'toJSON', 'seq', 'type', 'at', 'socket', 'done', 'value', 'handleEvent', 'capture', 'once',
      'passive', 'signal', 'stack', 'length', 'get', 'set', 'has', 'apply', 'construct',
      'getOwnPropertyDescriptor', 'defineProperty', 'deleteProperty', 'ownKeys', 'getPrototypeOf',
      'setPrototypeOf', 'isExtensible', 'preventExtensions', 'enumerable', 'configurable', 'writable',
    ];
    for (const k of objectKeys) {
      if (!R.gopd(Object.prototype, k)) t.push([Object.prototype, k, 'Object.prototype.' + k]);
    }
    // Not Error.prepareStackTrace / Error.stackTraceLimit themselves (the stacks section checks
    // those). V8 also finds prepareStackTrace up Error's prototype chain: with these two armed the
    // hook must not capture (nor call them); without them its capture path runs under the wires.
    if (withPrepareStackTrace) {
      t.push([Function.prototype, 'prepareStackTrace', 'Function.prototype.prepareStackTrace']);
      t.push([Object.prototype, 'prepareStackTrace', 'Object.prototype.prepareStackTrace']);
    }
    t.push([Error.prototype, 'name', 'Error.prototype.name']);
    t.push([Error.prototype, 'message', 'Error.prototype.message']);
    t.push([Array, Symbol.species, 'Array[Symbol.species]']);
    t.push([Map, Symbol.species, 'Map[Symbol.species]']);
    t.push([RegExp.prototype, 'flags', 'RegExp.prototype.flags']);
    t.push([RegExp.prototype, 'global', 'RegExp.prototype.global']);
    t.push([Map.prototype, 'size', 'Map.prototype.size']);
    t.push([Set.prototype, 'size', 'Set.prototype.size']);
    return t;
  }

  async function tripwireSection(withPrepareStackTrace) {
    const counts = {};
    const apply = R.apply;
    const construct = R.construct;
    const defineProperty = R.defineProperty;
    const deleteProperty = R.deleteProperty;
    const gopd = R.gopd;
    const ownKeys = R.ownKeys;
    const hasOwn = Object.prototype.hasOwnProperty;
    const own = (o, k) => apply(hasOwn, o, [k]);
    const ProxyCtor = Proxy;
    const WeakMapCtor = WeakMap;
    const weakGet = WeakMap.prototype.get;
    const weakSet = WeakMap.prototype.set;
    // While Object.prototype carries accessors named get/set/value/..., every descriptor and
    // handler object here has a null prototype, so arming and disarming stay exact.
    const bare = (d) => {
      const out = { __proto__: null };
      for (const k of ownKeys(d)) out[k] = d[k];
      return out;
    };
    const saved = [];
    let armed = false;

    const targets = tripwireTargets();
    for (const [, , label] of targets) counts[label] = 0;
    const accessors = accessorTrips(withPrepareStackTrace);
    for (const [, , label] of accessors) {
      counts[label + ' get'] = 0;
      counts[label + ' set'] = 0;
    }
    const hit = (label) => {
      if (armed) counts[label]++;
    };

    const arm = () => {
      for (const [owner, key, label] of targets) {
        const found = gopd(owner, key);
        if (!found || typeof found.value !== 'function') continue;
        const d = bare(found);
        const original = d.value;
        const wrapped = new ProxyCtor(original, {
          __proto__: null,
          apply(target, thisArg, args) {
            hit(label);
            return apply(target, thisArg, args);
          },
          construct(target, args, newTarget) {
            hit(label);
            return construct(target, args, newTarget === wrapped ? target : newTarget);
          },
        });
        saved.push([owner, key, d]);
        defineProperty(owner, key, { __proto__: null, value: wrapped, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable });
      }
      for (const [owner, key, label] of accessors) {
        const found = gopd(owner, key);
        if (found && !found.configurable) continue;
        const d = found ? bare(found) : null;
        saved.push([owner, key, d]);
        const store = new WeakMapCtor();
        const isData = d !== null && own(d, 'value');
        defineProperty(owner, key, {
          __proto__: null,
          configurable: true,
          enumerable: d ? d.enumerable : false,
          get() {
            hit(label + ' get');
            if (isData) return d.value;
            if (d && d.get) return apply(d.get, this, []);
            return apply(weakGet, store, [this]);
          },
          set(v) {
            hit(label + ' set');
            if (isData && this === owner) {
              d.value = v;
              return;
            }
            if (d && d.set) {
              apply(d.set, this, [v]);
              return;
            }
            if (d && d.get) return;
            // Behave as an ordinary inherited data property would: define it on the receiver.
            if (this !== null && (typeof this === 'object' || typeof this === 'function')) {
              defineProperty(this, key, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
            } else {
              apply(weakSet, store, [Object(this), v]);
            }
          },
        });
      }
      armed = true;
    };
    const disarm = () => {
      armed = false;
      for (let i = saved.length - 1; i >= 0; i--) {
        const [owner, key, d] = saved[i];
        if (d) defineProperty(owner, key, d);
        else deleteProperty(owner, key);
      }
      saved.length = 0;
    };

    // A scenario that touches everything the hook observes, run while the wires are armed.
    const steps = [];
    const note = (s) => steps.push(s);
    let result;
    arm();
    try {
      result = await within(
        new Promise((resolve) => {
          const ws = new WebSocket(WS_BASE + '/ws/echo', ['trip.v1', 'trip.v2']);
          note('statics ' + WebSocket.OPEN + ' ' + (ws instanceof WebSocket));
          const early = attempt(() => ws.send('too early'));
          note(early.ok ? 'early send ok' : 'early send threw');
          ws.binaryType = 'arraybuffer';
          const controller = new AbortController();
          let received = 0;
          const onMsg = () => {
            received++;
            if (received === 4) {
              note('four echoes');
              controller.abort();
              ws.removeEventListener('message', onMsg);
              ws.onmessage = null;
              const bad = attempt(() => ws.close(5000));
              note(bad.ok ? 'close(5000) ok' : 'close(5000) threw');
              ws.close(4000, 'tripwire done');
            }
          };
          ws.addEventListener('message', onMsg, { signal: controller.signal });
          ws.addEventListener('message', () => note('once'), { once: true });
          ws.addEventListener('message', { handleEvent: () => undefined }, true);
          ws.onmessage = () => undefined;
          ws.onopen = () => {
            note('open');
            ws.send('text');
            ws.send(new Uint8Array([1, 2, 3]));
            ws.send(new Uint8Array([4, 5]).buffer);
            ws.send(new Blob(['ab']));
            ws.dispatchEvent(new Event('message'));
          };
          ws.onerror = () => note('error');
          ws.onclose = (e) => {
            note('close ' + e.code);
            const rejected = new WebSocket(WS_BASE + '/ws/reject');
            rejected.onclose = () => {
              note('rejected closed');
              // Let the hook flush whatever it queued (its timer) while the wires are still armed.
              setTimeout(resolve, 150);
            };
          };
        }),
        'tripwire scenario',
        6000,
      );
    } finally {
      disarm();
    }
    const nonZero = {};
    for (const k of Object.keys(counts)) if (counts[k] !== 0) nonZero[k] = counts[k];
    return { result: prim(result), steps, calls: nonZero };
  }

  // ── 8. stacks: Error.prepareStackTrace, stackTraceLimit, stack text ────────────────────────
  function lines(stack) {
    return typeof stack === 'string' ? stack.split('\n').filter((l) => l.trim() !== '') : ['(stack is ' + typeof stack + ')'];
  }
  function deep(n, f) {
    return n === 0 ? f() : deep(n - 1, f);
  }
  function caught(f) {
    try {
      f();
      return null;
    } catch (e) {
      return e;
    }
  }

  async function stacksSection() {
    const out = { texts: {}, callsites: {} };
    const hold = socket('/ws/hold');
    const echo = await opened('/ws/echo');
    const cases = {
      'close(5000)': () => deep(2, () => hold.close(5000)),
      'send before open': () => deep(1, () => socket('/ws/hold').send('x')),
      "new WebSocket('nope')": () => new WebSocket('nope'),
      'send.call({})': () => WebSocket.prototype.send.call({}, 'x'),
      'toString.call({})': () => Function.prototype.toString.call({}),
      'WebSocket() without new': () => WebSocket(WS_BASE + '/ws/hold'),
      'addEventListener bad signal': () => hold.addEventListener('message', () => 1, { signal: 1 }),
      'close(5000) 12 deep': () => deep(12, () => hold.close(5000)),
      'page toString throws inside send': () =>
        echo &&
        echo.send({
          toString() {
            throw new Error('page toString');
          },
        }),
      'page getter throws inside addEventListener': () =>
        hold.addEventListener('message', () => 1, {
          get once() {
            throw new Error('page getter');
          },
        }),
    };
    for (const label of Object.keys(cases)) {
      const e = caught(cases[label]);
      out.texts[label] = e ? lines(e.stack) : ['(did not throw)'];
    }
    const hasV8 = typeof Error.captureStackTrace === 'function' && 'stackTraceLimit' in Error;
    out.engineHasPrepareStackTrace = hasV8;
    out.stackTraceLimit = prim(Error.stackTraceLimit);
    out.prepareStackTraceBefore = prim(Error.prepareStackTrace);

    // A page-defined Error.prepareStackTrace: called only for the page's own stacks.
    let prepareCalls = 0;
    Error.prepareStackTrace = (error, sites) => {
      prepareCalls++;
      return sites.map((s) => ({
        file: s.getFileName(),
        fn: s.getFunctionName(),
        method: s.getMethodName(),
        type: s.getTypeName(),
        fnType: typeof s.getFunction(),
        thisType: typeof s.getThis(),
        isNative: s.isNative(),
        isConstructor: s.isConstructor(),
        isEval: s.isEval(),
        isToplevel: s.isToplevel(),
        line: s.getLineNumber(),
        column: s.getColumnNumber(),
      }));
    };
    try {
      const quiet = socket('/ws/echo', ['stack.v1']);
      quiet.addEventListener('message', () => undefined);
      quiet.onmessage = () => undefined;
      quiet.binaryType = 'arraybuffer';
      await nextEvent(quiet, 'open', 'prepareStackTrace socket');
      quiet.send('x');
      await nextEvent(quiet, 'message', 'prepareStackTrace echo');
      quiet.removeEventListener('message', () => undefined);
      quiet.close(1000);
      await nextEvent(quiet, 'close', 'prepareStackTrace close');
      out.prepareCallsFromSocketWork = prepareCalls;
      const own = new Error('own');
      out.ownStackPrepared = Array.isArray(own.stack);
      out.prepareCallsAfterOwnStack = prepareCalls;
      for (const label of ['close(5000)', 'send.call({})', 'page toString throws inside send', 'page getter throws inside addEventListener']) {
        const e = caught(cases[label]);
        const sites = e ? e.stack : '(did not throw)';
        out.callsites[label] = Array.isArray(sites) ? sites : ['(not prepared: ' + typeof sites + ')'];
      }
    } finally {
      delete Error.prepareStackTrace;
    }
    out.prepareStackTraceAfter = prim(Error.prepareStackTrace);

    // A page that reads Error.stackTraceLimit through a getter sees every read.
    const limitDescriptor = R.gopd(Error, 'stackTraceLimit');
    let limitReads = 0;
    if (!limitDescriptor || limitDescriptor.configurable) {
      R.defineProperty(Error, 'stackTraceLimit', {
        configurable: true,
        get() {
          limitReads++;
          return limitDescriptor ? limitDescriptor.value : 10;
        },
        set() {},
      });
      try {
        const s = socket('/ws/hold', 'limit.v1');
        s.addEventListener('open', () => undefined);
        s.onclose = () => undefined;
        s.close(1000);
        attempt(() => s.close(5000));
      } finally {
        if (limitDescriptor) R.defineProperty(Error, 'stackTraceLimit', limitDescriptor);
        else delete Error.stackTraceLimit;
      }
    }
    out.stackTraceLimitReads = limitReads;
    // Function.caller from a page callback the browser calls synchronously inside a hooked call.
    let callerSeen = '(not called)';
    if (echo) {
      const sloppyToString = new Function('record', 'return function () { record(typeof arguments.callee.caller); return "sloppy"; }')((c) => (callerSeen = c));
      attempt(() => echo.send({ toString: sloppyToString }));
    }
    out.callerOfPageToString = callerSeen;
    return out;
  }

  // ── 9. a page overriding things after load ─────────────────────────────────────────────────
  async function overridesSection() {
    const out = {};
    const ws = await opened('/ws/echo');
    if (!ws) return { error: 'echo socket did not open' };
    const proto = EventTarget.prototype;
    const nativeAdd = proto.addEventListener;
    const nativeRemove = proto.removeEventListener;
    let adds = 0;
    let removes = 0;
    proto.addEventListener = function (type, listener, options) {
      adds++;
      return nativeAdd.call(this, type, listener, options);
    };
    proto.removeEventListener = function (type, listener, options) {
      removes++;
      return nativeRemove.call(this, type, listener, options);
    };
    let got = 0;
    const l = () => got++;
    try {
      ws.addEventListener('message', l);
      await new Promise((resolve) => {
        nativeAdd.call(ws, 'message', () => setTimeout(resolve, 0), { once: true });
        ws.send('override');
      });
      ws.removeEventListener('message', l);
    } finally {
      proto.addEventListener = nativeAdd;
      proto.removeEventListener = nativeRemove;
    }
    out.addEventListenerOverride = { adds, removes, got, restored: proto.addEventListener === nativeAdd };

    const nativeSend = WebSocket.prototype.send;
    let sends = 0;
    WebSocket.prototype.send = function (data) {
      sends++;
      return nativeSend.call(this, data);
    };
    try {
      out.sendOverrideEcho = await within(
        new Promise((resolve) => {
          ws.addEventListener('message', (e) => resolve(e.data), { once: true });
          ws.send('via page send');
        }),
        'send override',
      );
    } finally {
      WebSocket.prototype.send = nativeSend;
    }
    out.sendOverrideCalls = sends;

    const Native = W.WebSocket;
    class Wrapped extends Native {
      constructor(url, p) {
        super(url, p);
        this.wrapped = true;
      }
    }
    W.WebSocket = Wrapped;
    try {
      const w = new WebSocket(WS_BASE + '/ws/hold');
      sockets.push(w);
      out.globalReplaced = { wrapped: w.wrapped === true, instanceOfNative: w instanceof Native, url: w.url };
    } finally {
      W.WebSocket = Native;
    }
    out.globalRestored = W.WebSocket === WebSocketAtLoad;

    // Deleting and re-adding the global, as some polyfills do.
    const desc = R.gopd(W, 'WebSocket');
    delete W.WebSocket;
    out.afterDelete = typeof W.WebSocket;
    R.defineProperty(W, 'WebSocket', desc);
    out.afterRestore = W.WebSocket === WebSocketAtLoad;

    // The page's own accessor on an instance shadows the prototype's.
    const inst = socket('/ws/hold');
    let setterCalls = 0;
    Object.defineProperty(inst, 'onmessage', {
      set() {
        setterCalls++;
      },
      get() {
        return 'own';
      },
      configurable: true,
    });
    inst.onmessage = () => 1;
    out.instanceAccessor = { setterCalls, value: inst.onmessage };
    ws.close();
    return out;
  }

  // ── 10. other realms: iframes ──────────────────────────────────────────────────────────────
  function realmView(win, label) {
    const WSx = win.WebSocket;
    const childFPTS = win.Function.prototype.toString;
    const protoX = WSx.prototype;
    const fns = {
      WebSocket: WSx,
      send: protoX.send,
      close: protoX.close,
      addEventListener: win.EventTarget.prototype.addEventListener,
      removeEventListener: win.EventTarget.prototype.removeEventListener,
      toString: childFPTS,
      'set onmessage': R.gopd(protoX, 'onmessage').set,
      'get onmessage': R.gopd(protoX, 'onmessage').get,
      'set binaryType': R.gopd(protoX, 'binaryType').set,
    };
    const parentFns = {
      WebSocket,
      send: WebSocket.prototype.send,
      close: WebSocket.prototype.close,
      addEventListener: EventTarget.prototype.addEventListener,
      toString: FPTS,
      'set onmessage': R.gopd(WebSocket.prototype, 'onmessage').set,
    };
    const view = { label };
    for (const k of Object.keys(fns)) {
      view['parent toString on child ' + k] = text(fns[k], FPTS);
      view['child toString on child ' + k] = text(fns[k], childFPTS);
      view['child ' + k + ' name/length'] = [prim(fns[k].name), prim(fns[k].length)];
    }
    for (const k of Object.keys(parentFns)) view['child toString on parent ' + k] = text(parentFns[k], childFPTS);
    view.statics = [WSx.CONNECTING, WSx.OPEN, WSx.CLOSING, WSx.CLOSED];
    view.protoConstructor = protoX.constructor === WSx;
    view.ctorProtoIsChildEventTarget = R.getPrototypeOf(WSx) === win.EventTarget;
    view.differsFromParent = WSx !== WebSocket;
    view.shapeCtor = shape(WSx, false);
    view.shapeProto = shape(protoX, false);
    view.windowDescriptor = descShape(R.gopd(win, 'WebSocket'), false);
    view.withoutNew = attempt(() => WSx(WS_BASE + '/ws/hold'));
    view.badUrl = (() => {
      const e = caught(() => new WSx('nope'));
      return e ? { name: e.name, message: e.message, childDOMException: e instanceof win.DOMException, parentDOMException: e instanceof DOMException } : '(did not throw)';
    })();
    view.badClose = (() => {
      const s = new WSx(WS_BASE + '/ws/hold');
      sockets.push(s);
      const e = caught(() => s.close(5000));
      return e ? { name: e.name, message: e.message, childDOMException: e instanceof win.DOMException } : '(did not throw)';
    })();
    return view;
  }

  function frameLoaded(frame) {
    return within(new Promise((resolve) => frame.addEventListener('load', resolve, { once: true })), 'iframe load');
  }

  async function useChildConstructor(WSx, win, label) {
    const out = {};
    const s = new WSx(WS_BASE + '/ws/echo?from=' + label);
    sockets.push(s);
    out.proto = R.getPrototypeOf(s) === WSx.prototype;
    out.instanceOfChild = s instanceof WSx;
    out.instanceOfParent = s instanceof WebSocket;
    out.tag = R.apply(ObjectToString, s, []);
    class ChildSub extends WSx {
      sub() {
        return 'sub';
      }
    }
    const sub = new ChildSub(WS_BASE + '/ws/hold?from=' + label + '-sub');
    sockets.push(sub);
    out.subclass = [sub instanceof ChildSub, sub instanceof WSx, sub.sub()];
    const opened = await nextEvent(s, 'open', label + ' open');
    out.opened = typeof opened !== 'string';
    if (out.opened) {
      out.echo = await within(
        new Promise((resolve) => {
          s.onmessage = (e) => resolve(e.data);
          s.send('hi from ' + label);
        }),
        label + ' echo',
      );
      out.onmessageIdentity = typeof s.onmessage;
    }
    return out;
  }

  async function iframesSection() {
    const out = {};
    // 1. A fresh about:blank iframe, its constructor taken synchronously.
    const fresh = document.createElement('iframe');
    document.body.appendChild(fresh);
    const freshWin = fresh.contentWindow;
    const FreshWS = freshWin.WebSocket;
    out.freshSync = realmView(freshWin, 'fresh about:blank');
    out.freshNames = Object.getOwnPropertyNames(freshWin).length;
    out.freshKeys = Object.keys(freshWin);
    out.freshUse = await useChildConstructor(FreshWS, freshWin, 'fresh');
    // Then removed: the constructor outlives its frame.
    fresh.remove();
    out.afterRemoval = {
      toString: text(FreshWS),
      childToString: text(FreshWS, freshWin.Function.prototype.toString),
      construct: attempt(() => {
        const s = new FreshWS(WS_BASE + '/ws/hold?from=removed');
        sockets.push(s);
        return s.readyState;
      }),
    };

    // 2. A same-origin iframe with a document of its own.
    const same = document.createElement('iframe');
    same.src = '/blank.html';
    const sameLoaded = frameLoaded(same);
    document.body.appendChild(same);
    await sameLoaded;
    out.sameOrigin = realmView(same.contentWindow, 'same-origin');
    out.sameOriginUse = await useChildConstructor(same.contentWindow.WebSocket, same.contentWindow, 'same-origin');

    // 3. srcdoc, and the initial about:blank realm the frame has before the srcdoc loads.
    const srcdoc = document.createElement('iframe');
    srcdoc.srcdoc = '<!doctype html><p>srcdoc</p>';
    const srcdocLoaded = frameLoaded(srcdoc);
    document.body.appendChild(srcdoc);
    const initialWin = srcdoc.contentWindow;
    out.initialBeforeNavigation = realmView(initialWin, 'initial about:blank');
    out.initialBeforeNavigationSocket = attempt(() => {
      const s = new initialWin.WebSocket(WS_BASE + '/ws/hold?from=initial');
      sockets.push(s);
      return s.readyState;
    });
    await srcdocLoaded;
    out.srcdoc = realmView(srcdoc.contentWindow, 'srcdoc');
    out.srcdocUse = await useChildConstructor(srcdoc.contentWindow.WebSocket, srcdoc.contentWindow, 'srcdoc');

    // 4. about:blank written by the parent.
    const written = document.createElement('iframe');
    document.body.appendChild(written);
    const doc = written.contentDocument;
    doc.open();
    doc.write('<!doctype html><p>written</p>');
    doc.close();
    out.written = realmView(written.contentWindow, 'written');
    out.writtenSocket = attempt(() => {
      const s = new written.contentWindow.WebSocket(WS_BASE + '/ws/hold?from=written');
      sockets.push(s);
      return s.readyState;
    });

    // 5. A frame sandboxed without scripts (no content script runs in it in Chromium).
    const sandboxed = document.createElement('iframe');
    sandboxed.setAttribute('sandbox', 'allow-same-origin');
    document.body.appendChild(sandboxed);
    const sandboxedWin = sandboxed.contentWindow;
    out.sandboxed = realmView(sandboxedWin, 'sandboxed');
    out.sandboxedSocket = attempt(() => {
      const s = new sandboxedWin.WebSocket(WS_BASE + '/ws/hold?from=sandboxed');
      sockets.push(s);
      return s.readyState;
    });

    // 6. Sibling realms see each other's functions as native too.
    out.siblings = {
      sameOnSrcdoc: text(srcdoc.contentWindow.WebSocket, same.contentWindow.Function.prototype.toString),
      srcdocOnWritten: text(written.contentWindow.WebSocket.prototype.send, srcdoc.contentWindow.Function.prototype.toString),
      writtenOnFresh: text(FreshWS, written.contentWindow.Function.prototype.toString),
      sandboxedOnSame: text(same.contentWindow.WebSocket, sandboxedWin.Function.prototype.toString),
    };

    // 7. window.frames and indexed access reach the same realms.
    out.framesAccess = {
      indexed: W[0] === same.contentWindow,
      length: W.frames.length,
      viaFrames: text(W.frames[W.frames.length - 1].WebSocket),
    };
    // The same-origin frame stays: its sockets belong to its own document, which must outlive
    // the observation for the panel check. The about:blank and srcdoc frames go.
    for (const f of [srcdoc, written, sandboxed]) f.remove();
    return out;
  }

  // ── 11. the global object and the document ─────────────────────────────────────────────────
  function globalsSection() {
    const chrome = W.chrome;
    return {
      namesAtLoad: windowNamesAtLoad,
      symbolsAtLoad: windowSymbolsAtLoad,
      namesNow: Object.getOwnPropertyNames(W),
      keysNow: Object.keys(W),
      symbolsNow: Object.getOwnPropertySymbols(W).map(String),
      windowProto: Object.getOwnPropertyNames(R.getPrototypeOf(W)),
      chromeKeys: chrome && typeof chrome === 'object' ? Object.keys(chrome) : typeof chrome,
      browserType: typeof W.browser,
      documentKeys: Object.getOwnPropertyNames(document),
      documentElementAttributes: document.documentElement.getAttributeNames(),
      elementCount: document.getElementsByTagName('*').length,
      scripts: Array.from(document.scripts).map((s) => s.src.replace(location.origin, '')),
      handlers: ['onpagehide', 'onunload', 'onmessage', 'onbeforeunload', 'onload'].map((k) => prim(W[k])),
      errorStatics: Object.getOwnPropertyNames(Error),
      functionProtoNames: Object.getOwnPropertyNames(Function.prototype),
      eventTargetProtoNames: Object.getOwnPropertyNames(EventTarget.prototype),
      webSocketProtoNames: Object.getOwnPropertyNames(WebSocket.prototype),
      messagePortProtoNames: Object.getOwnPropertyNames(MessagePort.prototype),
      performanceMarks: performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length,
      resourceEntries: performance.getEntriesByType('resource').map((e) => e.name.replace(location.origin, '')),
    };
  }

  // ── observe(): everything, in a fixed order ────────────────────────────────────────────────
  let running = null;
  async function observeOnce() {
    const out = {};
    out.functions = functionsSection();
    out.constructor = constructorSection();
    out.construction = await constructionSection();
    out.errors = await errorsSection();
    out.conversions = conversionsSection();
    out.lifecycle = await lifecycleSection();
    out.listeners = await listenersSection();
    out.data = await dataSection();
    out.tripwires = await tripwireSection(true);
    out.tripwiresCapturing = await tripwireSection(false);
    out.stacks = await stacksSection();
    out.overrides = await overridesSection();
    out.iframes = await iframesSection();
    closeAll();
    out.globals = globalsSection();
    // Checked again at the end: nothing the page did above may have changed what it sees.
    out.functionsAtEnd = functionsSection();
    return out;
  }
  /** URLs of the sockets observe() made (for the with-extension check that the hook saw them). */
  W.probeSocketUrls = function probeSocketUrls() {
    return sockets.map((s) => s.url);
  };
  W.observe = function observe() {
    if (!running) running = observeOnce();
    return running;
  };
})();
