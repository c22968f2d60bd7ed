// Sockets for the panel's own tests: each shows one thing the panel must present.
const base = 'ws://' + location.host;
window.closes = [];

// A chat feed: JSON, text and binary traffic both ways; left open and listened to.
function openFeed() {
  const feed = new WebSocket(base + '/ws/echo?feed', ['chat.v1']);
  feed.binaryType = 'arraybuffer';
  feed.addEventListener('message', () => {});
  feed.onopen = () => {
    feed.send(JSON.stringify({ type: 'hello', user: 'ada', rooms: [1, 2, 3], meta: { admin: false } }));
    feed.send('plain text message');
    feed.send(new Uint8Array([0, 1, 2, 255, 65, 66]));
  };
  feed.onclose = (e) => window.closes.push({ url: feed.url, code: e.code, reason: e.reason });
  window.feed = feed;
}
openFeed();

// Closed by the server with an application code and reason.
window.kicked = new WebSocket(base + '/ws/close?code=4001&reason=session%20expired');
window.kicked.addEventListener('close', () => {});

// A network drop: 1006, listeners never removed.
window.dropped = new WebSocket(base + '/ws/drop?after=50');
window.dropped.addEventListener('message', () => {});

// Closed by the page, cleanly.
window.done = new WebSocket(base + '/ws/echo?done');
window.done.onopen = () => {
  window.done.onopen = null;
  window.done.close(1000, 'finished');
};
