# Writes the non-UTF-8 read fixtures (run from this folder: python3 make_fixtures.py).
rows = "名称,住所,電話番号\r\n㈱テスト①,東京都千代田区丸の内１－１,03-1234-5678\r\n髙橋医院,大阪府大阪市北区１,06-1111-2222\r\n"
open("cp932.csv", "wb").write(rows.encode("cp932"))
open("utf16le.csv", "wb").write(b"\xff\xfe" + "名称\t住所\r\nＡ公園\t高松市\r\nＢ公園\t丸亀市\r\n".encode("utf-16-le"))
open("eucjp.csv", "wb").write("名称,住所\nひまわり保育園,大分市中央町１丁目\nさくら公園,大分市府内町２丁目\nあおば図書館,大分市荷揚町３番\n".encode("euc_jp"))


def w(name, text, enc="utf-8"):
    open(name, "wb").write(text.encode(enc))


w("utf8bom.csv", "\ufeff名称,緯度,経度\r\n中央公園,34.34,134.04\r\n西公園,34.35,134.05\r\n")
w("plain.tsv", "名称\t住所\t備考\n図書館\t高松市1-1\t2,000冊\n公民館\t高松市2-2\t\n")
w("semicolon.csv", "名称;住所;定員\nA園;高松市1;30\nB園;高松市2;45\nC園;高松市3;60\n")
w("title_rows.csv", "港区内認可保育園等一覧,Ver201612,,,\n令和4年1月1日現在,,,,\n単位：人,,,,\n"
  "施設種別,地区,保育園名,所在地,定員\n認可,芝,芝保育園,港区芝1-1,60\n認可,麻布,麻布保育園,港区麻布2-2,90\n")
w("comment.csv", "#子育て・認定こども園・幼稚園\nNo,施設名,所在地\n1,第一保育園,稲城市1\n2,第二保育園,稲城市2\n")
w("footnotes.csv", "名称,所在地,電話番号,定員\nA園,市内1,0123,10\n※休園中,,,\nB園,市内2,0456,20\n\n"
  "※定員は令和4年4月1日現在,,,\n注1）電話は代表番号,,,\n資料：こども課,,,\n出典：市統計書,,,\n,,,\n")
w("newlines.csv", "名称,説明,備考\r\n\"A\",\"一行目\r\n二行目\",\"LF\nだけ\"\r\n\"B\",\"CR\rだけ\",\"引用\"\"符\"\"\"\r\n")
w("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12,\n")
w("quoted_empty.csv", "_id,名称,方書,緯度\n1,\"A公園\",\"\",\"\"\n2,\"B公園\",\"2階\",\"36.5\"\n")
w("leading_empty.csv", ",,東京都災害拠点病院一覧,,,\n,,,,令和4年1月1日現在,\n,二次保健医療圏,施設名,所在地,病床数,\"三次\n救急\"\n"
  ",区中央部,日本大学病院,千代田区1,320,○\n,,三井記念病院,千代田区2,482,\n,区南部,東邦大学病院,大田区3,900,○\n")
w("two_row_header.csv", "\"診　療　所　名\",\"郵便番号\",\"病\",\"床\",\"数\",\"開設年月日\"\n\"\",\"\",\"一般\",\"療養\",\"計\",\"\"\n"
  "\"A医院\",\"870-0001\",\"\",\"\",\"\",\"2021/12/1\"\n\"B病院\",\"870-0002\",\"19\",\"0\",\"19\",\"H 7.12. 1\"\n")
w("html.csv", "\n  <!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n")
w("empty.csv", "")
w("linkdata.csv", "#LINK,,,\n#lang,ja,,\n#property,name,address,location\n#object_type_xsd,string,string,string\n"
  "#property_context,Assertion,Assertion,Assertion\n1,サラマンダー,高松市番町1,\"34.34,134.04\"\n2,クレメント,高松市浜ノ町1,\"34.35,134.04\"\n,,,\n")
