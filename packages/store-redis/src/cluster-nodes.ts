import { InvalidArgumentError } from '@sharedcontext/core';

/** What ioredis `Cluster` needs from the `cluster` URLs. */
export interface ClusterNodes {
  nodes: Array<{ host: string; port: number }>;
  /** Credentials and TLS, the same for every node (ioredis `redisOptions`). */
  auth: { username?: string; password?: string; tls?: object };
}

function invalid(value: unknown, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ parameter: 'cluster', value, message });
}

/**
 * Parses the startup nodes of a Redis Cluster: `redis://` or `rediss://`
 * URLs, with the same user, password and scheme on each (a cluster has one
 * ACL and no databases but 0). Throws `InvalidArgumentError` naming
 * `cluster` otherwise.
 */
export function clusterNodes(urls: unknown): ClusterNodes {
  if (!Array.isArray(urls) || urls.length === 0) {
    throw invalid(urls, 'expected a non-empty array of redis:// URLs');
  }
  const parsed = urls.map((url: unknown) => {
    if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
      throw invalid(url, 'expected redis:// or rediss:// URLs');
    }
    let node: URL;
    try {
      node = new URL(url);
    } catch {
      throw invalid(url, 'expected redis:// or rediss:// URLs');
    }
    if (node.hostname === '') throw invalid(url, 'a URL without a host');
    if (
      node.pathname !== '' &&
      node.pathname !== '/' &&
      node.pathname !== '/0'
    ) {
      throw invalid(url, 'a cluster has only database 0; drop the path');
    }
    return node;
  });
  const first = parsed[0]!;
  for (const node of parsed) {
    if (
      node.protocol !== first.protocol ||
      node.username !== first.username ||
      node.password !== first.password
    ) {
      throw invalid(
        urls,
        'every node URL needs the same scheme, user and password',
      );
    }
  }
  const auth: ClusterNodes['auth'] = {};
  if (first.username !== '') auth.username = decodeURIComponent(first.username);
  if (first.password !== '') auth.password = decodeURIComponent(first.password);
  if (first.protocol === 'rediss:') auth.tls = {};
  return {
    nodes: parsed.map((node) => ({
      // URL keeps IPv6 hosts in brackets; sockets want them bare.
      host: node.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: node.port === '' ? 6379 : Number(node.port),
    })),
    auth,
  };
}
