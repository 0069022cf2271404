declare module "shpjs" {
  /** A zipped shapefile (or its URL) to GeoJSON, reprojected to WGS84 from its .prj. */
  export default function shp(input: ArrayBuffer | Buffer | string): Promise<unknown>;
}
