import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The outside services the map relies on, served locally for tests (CI has no network): a BAN
 * geocoder answering `GET /geocodage/search?q=…` in the format of the Géoplateforme / addok
 * (GeoJSON FeatureCollection; properties label, score, id, type, name, housenumber, street,
 * postcode, citycode, city, context), and whatever else a test registers (a basemap style and
 * its tiles).
 */
export type BanAddress = {
  label: string;
  score: number;
  id: string;
  housenumber?: string;
  street: string;
  postcode: string;
  citycode: string;
  city: string;
  lng: number;
  lat: number;
};

/** Real Dijon streets; the points are near the demo's buildings, the BAN keys are made up. */
export const dijonAddresses: BanAddress[] = [
  {
    label: "12 Rue de la Liberté 21000 Dijon",
    score: 0.97,
    id: "21231_4400_00012",
    housenumber: "12",
    street: "Rue de la Liberté",
    postcode: "21000",
    citycode: "21231",
    city: "Dijon",
    lng: 5.0378,
    lat: 47.3222,
  },
  {
    label: "12 Rue de la Liberté 21240 Talant",
    score: 0.61,
    id: "21617_0120_00012",
    housenumber: "12",
    street: "Rue de la Liberté",
    postcode: "21240",
    citycode: "21617",
    city: "Talant",
    lng: 5.0062,
    lat: 47.3373,
  },
  {
    label: "5 Avenue du Drapeau 21000 Dijon",
    score: 0.95,
    id: "21231_1800_00005",
    housenumber: "5",
    street: "Avenue du Drapeau",
    postcode: "21000",
    citycode: "21231",
    city: "Dijon",
    lng: 5.0505,
    lat: 47.3405,
  },
];

const normalise = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The BAN answer to a question: the addresses sharing its words, scored as given. */
export function banAnswer(q: string, limit: number, addresses: BanAddress[] = dijonAddresses) {
  const words = normalise(q)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);
  const matching = addresses.filter((address) => {
    const label = normalise(address.label);
    return words.length > 0 && words.every((word) => label.includes(word));
  });
  return {
    type: "FeatureCollection",
    version: "draft",
    query: q,
    limit,
    features: matching.slice(0, limit).map((address) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [address.lng, address.lat] },
      properties: {
        label: address.label,
        score: address.score,
        housenumber: address.housenumber,
        id: address.id,
        banId: "5f1b6c2e-0000-4000-8000-000000000000",
        name: address.housenumber ? `${address.housenumber} ${address.street}` : address.street,
        postcode: address.postcode,
        citycode: address.citycode,
        x: 853_000,
        y: 6_696_000,
        city: address.city,
        context: "21, Côte-d'Or, Bourgogne-Franche-Comté",
        type: address.housenumber ? "housenumber" : "street",
        importance: 0.7,
        street: address.street,
      },
    })),
  };
}

type Handler = (request: IncomingMessage, url: URL, response: ServerResponse) => boolean;

export type GeoServices = {
  baseUrl: string;
  /** the URL to give GEOCODER_URL */
  geocoderUrl: string;
  /** the questions the geocoder was asked */
  searches: string[];
  /** answers other paths (return true when answered) */
  route(handler: Handler): void;
  close(): Promise<void>;
};

export async function startGeoServices(options: { addresses?: BanAddress[] } = {}): Promise<GeoServices> {
  const searches: string[] = [];
  const handlers: Handler[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    // the browser fetches styles and tiles across origins
    response.setHeader("access-control-allow-origin", "*");
    if (url.pathname === "/geocodage/search" || url.pathname === "/geocodage/search/") {
      const q = url.searchParams.get("q") ?? "";
      searches.push(q);
      const limit = Number(url.searchParams.get("limit") ?? 5);
      response.setHeader("content-type", "application/json; charset=utf-8");
      response.end(JSON.stringify(banAnswer(q, limit, options.addresses)));
      return;
    }
    for (const handler of handlers) if (handler(request, url, response)) return;
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    geocoderUrl: `${baseUrl}/geocodage`,
    searches,
    route: (handler) => handlers.push(handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
