import { describe, expect, it } from "vitest";
import { crsOfPrj } from "../../server/modules/neighbourhoods/contours.rules";
import { LAMBERT_93_PRJ } from "../fixtures/contours/iris-shapefile";

/**
 * The projection named by a shapefile's .prj: IGN ships CONTOURS-IRIS and ADMIN EXPRESS in
 * Lambert-93 (RGF93 / Lambert-93, EPSG:2154, the legal projection of metropolitan France:
 * décret n° 2000-1276), as ESRI WKT; GDAL writes OGC WKT.
 */
describe("the projection a .prj names", () => {
  it.each([
    ["IGN's ESRI WKT", LAMBERT_93_PRJ, "EPSG:2154"],
    [
      "GDAL's OGC WKT with its authority",
      'PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93",DATUM["Reseau_Geodesique_Francais_1993"]],AUTHORITY["EPSG","2154"]]',
      "EPSG:2154",
    ],
    [
      "WGS84 degrees",
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]',
      "EPSG:4326",
    ],
    [
      "Lambert II étendu (read by proj4, not named here)",
      'PROJCS["NTF_Paris_Lambert_II_etendu",GEOGCS["GCS_NTF_Paris"]]',
      "other",
    ],
  ])("%s", (_label, prj, crs) => {
    expect(crsOfPrj(prj)).toBe(crs);
  });
});
