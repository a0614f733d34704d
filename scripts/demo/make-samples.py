#!/usr/bin/env python3
"""Writes the bundled demo sources under samples/demo/ (see samples/demo/README.md).

    python3 scripts/demo/make-samples.py [--shared ../shared]

Needs only the standard library, and ../shared/reference/geolonia-japanese-addresses-v1 for town points (facilities are
placed near the representative point of a real 町字). The output is deterministic (seeded), and committed: the demo
does not run this script. Everything it writes is invented: facility names, phone numbers, counts and populations are
illustrative, not official data.
"""
import argparse
import datetime
import json
import os
import random
import re
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from samplelib import (Furigana, Geo, XlsxDate, csv_bytes, full_width, half_kana, jitter, kata, pdf_bytes, romaji,  # noqa: E402
                       write, xlsx_bytes)
from places import ASO, KARUIZAWA, MATSUMOTO, MATSUSHIMA, SENDAI  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(REPO, "samples", "demo")
NS = uuid.UUID("6b1f2c1e-7d0a-4e55-9a53-6d7573756269")  # fixed namespace: stable package and resource ids

# ---------------------------------------------------------------- facilities


class Fac:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def address(self):
        return self.pref + self.city + self.ward + self.town + self.rest

    @property
    def address_no_pref(self):
        return self.city + self.ward + self.town + self.rest


def name_part(base):
    part = re.sub("^(大字|一の宮町|波野大字)", "", base)
    return {"岡田町": "岡田"}.get(part, part)


class Muni:
    def __init__(self, spec, geo, seed):
        self.s = spec
        self.geo = geo
        self.rng = random.Random(seed)
        self.code, self.pref = spec["code"], spec["pref"]
        self.city_full = spec["city"]  # with 郡 for towns (宮城郡松島町)
        self.city_short = re.sub("^.+郡", "", spec["city"])
        self.used_names = set()
        self.used_phones = set()

    def phone(self):
        area, exch_digits, _ = self.s["phone"]
        while True:
            if "exchange" in self.s:
                exch = self.rng.choice(self.s["exchange"])
            elif exch_digits == 3:
                exch = str(self.rng.randint(211, 398))
            else:
                exch = str(self.rng.choice([25, 26, 27, 28, 32, 33, 34, 35, 36, 39, 40, 47, 48, 85, 86, 87, 88, 92]))
            p = f"{area}-{exch}-{self.rng.randint(1000, 9999)}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def rest(self, town, rural):
        r = self.rng
        if "丁目" in town:
            return f"{r.randint(1, 25)}-{r.randint(1, 30)}"
        if rural:
            return r.choice([f"{r.randint(1, 3500)}", f"{r.randint(1, 3500)}-{r.randint(1, 9)}", f"{r.randint(1, 2800)}番地"])
        return r.choice([f"{r.randint(1, 60)}-{r.randint(1, 30)}", f"{r.randint(1, 400)}", f"{r.randint(1, 40)}-{r.randint(1, 20)}-{r.randint(1, 15)}"])

    def towns(self):
        """(area file, area code, ward label, town base, reading) for every curated town."""
        for f, acode, ward, _, towns in self.s["areas"]:
            for base, reading in towns:
                yield f, acode, ward, base, reading

    def place(self, f, base, rural=False, spread=None):
        recs = self.geo.records(self.pref, f, base)
        if not self.s.get("koaza"):
            # A 小字's point can lie kilometres from the 町字's own representative point: stay near the latter.
            recs = [x for x in recs if not x["koaza"]] or recs
        rec = self.rng.choice(recs)
        town = rec["town"]
        if self.s.get("koaza") and rec["koaza"]:
            town = f"{town}字{rec['koaza']}"
        lat, lng = jitter(self.rng, rec["lat"], rec["lng"], spread or self.s["spread"])
        return town, lat, lng, self.rest(rec["town"], rural)

    def fac(self, kind, name, kana, en, f, acode, ward, base, rural=False, spread=None, building=""):
        if name in self.used_names:
            return None
        self.used_names.add(name)
        town, lat, lng, rest = self.place(f, base, rural, spread)
        return Fac(kind=kind, name=name, kana=kana, en=en, pref=self.pref, city=self.city_full, ward=ward,
                   area_code=acode, town=town, rest=rest, building=building, lat=lat, lng=lng, phone=self.phone(),
                   base=base)


# (kind, suffix, reading of suffix, English suffix, probability per town in a city, in a town)
PUBLIC_KINDS = [
    ("es", "小学校", "しょうがっこう", "Elementary School", 0.85, 0.5),
    ("jhs", "中学校", "ちゅうがっこう", "Junior High School", 0.35, 0.25),
    ("cc", "市民センター", "しみんせんたー", "Civic Center", 0.3, 0.0),
    ("kc", "公民館", "こうみんかん", "Community Hall", 0.0, 0.6),
    ("park", "公園", "こうえん", "Park", 0.75, 0.35),
    ("ch", "児童館", "じどうかん", "Children's Hall", 0.25, 0.1),
    ("hall", "集会所", "しゅうかいじょ", "Meeting Hall", 0.15, 0.35),
    ("nur", "保育所", "ほいくしょ", "Nursery School", 0.2, 0.2),
]


def public_pool(m: Muni, city_like: bool, rural: bool):
    pool = []
    for f, acode, ward, base, reading in m.towns():
        part = name_part(base)
        for kind, suf, sufr, en, pc, pt in PUBLIC_KINDS:
            if m.rng.random() < (pc if city_like else pt):
                fac = m.fac(kind, part + suf, kata(reading + sufr), romaji(reading) + " " + en, f, acode, ward, base, rural)
                if fac:
                    pool.append(fac)
    return pool


# Tourist facilities: (suffix, reading, English, description, fee, fee detail, open, close, days, notes)
TOURISM = {
    "museum": ("歴史資料館", "れきししりょうかん", "History Museum", "地域の歴史や民俗資料を展示する資料館です。企画展を年に数回開催しています。", 200, "一般200円、高校生以下無料", "9:00", "17:00", "火水木金土日", "月曜日（祝日の場合は翌日）、年末年始は休館"),
    "gallery": ("ギャラリー", "ぎゃらりー", "Gallery", "地元作家の作品を中心に展示する小さなギャラリーです。", 0, "無料", "10:00", "18:00", "水木金土日", "展示替え期間は休館"),
    "view": ("展望広場", "てんぼうひろば", "Observation Plaza", "街並みと山並みを一望できる展望広場です。夜景の名所としても親しまれています。", 0, "無料", "", "", "", "常時開放"),
    "garden": ("四季の花公園", "しきのはなこうえん", "Seasonal Flower Park", "春の桜、初夏のあじさい、秋の紅葉と四季折々の花が楽しめる公園です。", 0, "無料", "", "", "", "駐車場は8時30分から17時まで"),
    "onsen": ("日帰り温泉館", "ひがえりおんせんかん", "Day Hot Spring", "源泉かけ流しの日帰り入浴施設です。露天風呂と休憩室があります。", 500, "大人500円、小学生250円", "10:00", "21:00", "月火水金土日", "毎週木曜日休館（祝日の場合は営業）"),
    "info": ("観光案内所", "かんこうあんないじょ", "Tourist Information Center", "観光パンフレットの配布、宿泊や交通の案内を行っています。", 0, "無料", "9:00", "17:30", "月火水木金土日", "年末年始は休業"),
    "farm": ("ふれあい農園", "ふれあいのうえん", "Farm Park", "季節の野菜や果物の収穫体験ができる農園です。", 1000, "収穫体験1回1,000円", "9:00", "16:00", "土日", "体験は要予約"),
    "trail": ("散策路", "さんさくろ", "Walking Trail", "雑木林の中を歩く約2kmの散策路です。野鳥観察に適しています。", 0, "無料", "", "", "", "冬期は積雪のため通行止めになる場合があります"),
    "craft": ("伝統工芸館", "でんとうこうげいかん", "Traditional Craft Hall", "伝統工芸品の展示と制作体験ができる施設です。", 300, "入館300円、体験は別料金", "9:30", "16:30", "火水木金土日", "月曜日休館"),
    "camp": ("キャンプ場", "きゃんぷじょう", "Campground", "テントサイトと炊事棟を備えたキャンプ場です。", 2000, "1区画2,000円", "13:00", "11:00", "", "4月下旬から10月末まで営業"),
    "pier": ("遊覧船乗り場", "ゆうらんせんのりば", "Sightseeing Boat Pier", "島々を巡る遊覧船の乗り場です。所要時間は約50分です。", 1500, "大人1,500円、小学生750円", "9:00", "16:00", "月火水木金土日", "荒天時は欠航"),
    "coast": ("海岸遊歩道", "かいがんゆうほどう", "Seaside Promenade", "海沿いを歩ける遊歩道です。朝日の名所として知られています。", 0, "無料", "", "", "", "常時開放"),
    "ranch": ("ふれあい牧場", "ふれあいぼくじょう", "Ranch", "牛や馬とふれあえる牧場です。乗馬体験ができます。", 800, "乗馬体験800円", "9:00", "17:00", "月火水木金土日", "冬期は16時まで"),
    "lookout": ("展望所", "てんぼうしょ", "Lookout", "外輪山や阿蘇五岳を望む展望所です。", 0, "無料", "", "", "", "夜間の通行に注意"),
    "art": ("美術館", "びじゅつかん", "Art Museum", "近代日本画と地元ゆかりの作家の作品を所蔵する美術館です。", 800, "一般800円、中学生以下無料", "9:30", "17:00", "月火水金土日", "木曜日、冬期（12月～3月）は休館"),
    "tennis": ("テニスコート", "てにすこーと", "Tennis Courts", "全天候型のテニスコートです。予約制で貸し出しています。", 1500, "1面1時間1,500円", "8:00", "18:00", "月火水木金土日", "11月～4月は閉鎖"),
}


OUTDOOR = {"onsen", "farm", "trail", "camp", "ranch", "lookout"}


def tourism_pool(m: Muni, kinds, n, rural, countryside=None):
    """n invented tourist facilities; outdoor kinds (温泉, キャンプ場 …) only in the countryside towns when given."""
    out = []
    towns = list(m.towns())
    attempts = 0
    while len(out) < n and attempts < n * 20:
        attempts += 1
        f, acode, ward, base, reading = m.rng.choice(towns)
        kind = m.rng.choice(kinds)
        if countryside is not None and kind in OUTDOOR and base not in countryside:
            continue
        suf, sufr, en = TOURISM[kind][:3]
        fac = m.fac(kind, name_part(base) + suf, kata(reading + sufr), romaji(reading) + " " + en, f, acode, ward, base, rural,
                    spread=m.s["spread"] * 2)
        if fac:
            out.append(fac)
    return out


def karuizawa_pool(m: Muni, kinds_by_dataset, rng):
    """Karuizawa: the registry has only 大字; facilities stand in the 地区, placed by hand inside their 大字."""
    pools = {k: [] for k in kinds_by_dataset}
    for k, (kinds, n) in kinds_by_dataset.items():
        attempts = 0
        while len(pools[k]) < n and attempts < n * 30:
            attempts += 1
            dname, reading, oaza, lat, lng = rng.choice(KARUIZAWA["districts"])
            kind = rng.choice(kinds)
            if kind in TOURISM:
                suf, sufr, en = TOURISM[kind][:3]
            else:
                suf, sufr, en = next((s, r, e) for kk, s, r, e, _, _ in PUBLIC_KINDS if kk == kind)
            name = dname + suf
            if name in m.used_names:
                continue
            m.used_names.add(name)
            la, ln = jitter(rng, lat, lng, m.s["spread"])
            rest = rng.choice([f"{rng.randint(1, 2500)}", f"{rng.randint(1, 2500)}-{rng.randint(1, 20)}"])
            pools[k].append(Fac(kind=kind, name=name, kana=kata(reading + sufr), en=romaji(reading) + " " + en,
                                pref=m.pref, city=m.city_full, ward="", area_code=m.code, town=oaza, rest=rest,
                                building="", lat=la, lng=ln, phone=m.phone(), base=dname))
    return pools


# ---------------------------------------------------------------- rows in the current standard layout

AED_COLUMNS = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード",
               "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度",
               "設置位置", "電話番号", "内線番号", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "小児対応設備の有無", "URL", "備考"]

AED_POSITIONS = {
    "es": ["職員室前", "体育館入口", "1階昇降口", "保健室前"], "jhs": ["職員室前", "体育館入口", "1階昇降口"],
    "cc": ["1階事務室前", "正面玄関ホール", "1階ロビー"], "kc": ["玄関ホール", "事務室内"], "ch": ["事務室内", "玄関"],
    "hall": ["玄関", "集会室入口"], "nur": ["事務室内", "玄関"], "office": ["1階総合案内横", "正面玄関風除室"],
    "gym": ["1階ロビー", "アリーナ入口"], "lib": ["1階カウンター横"], "museum": ["受付横"], "onsen": ["フロント横"],
    "info": ["カウンター内"], "art": ["受付横"], "pier": ["待合所内"], "camp": ["管理棟"], "ranch": ["管理事務所"],
}
AED_HOURS = {
    "es": ("月火水木金", "8:15", "16:45", "学校の休業日は使用できません"), "jhs": ("月火水木金", "8:15", "17:00", "夜間・休日は使用できません"),
    "cc": ("月火水木金土日", "9:00", "21:30", "休館日（第2月曜日）を除く"), "kc": ("月火水木金", "8:30", "17:15", "行事開催時は土日も使用可"),
    "ch": ("月火水木金土", "9:00", "18:00", ""), "hall": ("", "", "", "地区行事の開催時のみ"), "nur": ("月火水木金土", "7:00", "19:00", ""),
    "office": ("月火水木金", "8:30", "17:00", "閉庁日は警備室に声をかけてください"), "gym": ("月火水木金土日", "9:00", "21:00", ""),
    "lib": ("火水木金土日", "10:00", "19:00", ""), "museum": ("火水木金土日", "9:00", "17:00", ""), "onsen": ("月火水金土日", "10:00", "21:00", ""),
    "info": ("月火水木金土日", "9:00", "17:30", ""), "art": ("月火水金土日", "9:30", "17:00", ""), "pier": ("月火水木金土日", "9:00", "16:00", ""),
    "camp": ("", "", "", "営業期間中のみ"), "ranch": ("月火水木金土日", "9:00", "17:00", ""),
}


def lg_name(m: Muni):
    return m.pref + m.city_short


def aed_row(m, f, i, idprefix):
    days, start, end, note = AED_HOURS.get(f.kind, ("", "", "", ""))
    return {
        "全国地方公共団体コード": m.code, "ID": f"{idprefix}{i:04d}", "地方公共団体名": lg_name(m), "名称": f.name, "名称_カナ": f.kana,
        "名称_英字": f.en, "所在地_全国地方公共団体コード": f.area_code, "所在地_連結表記": f.address, "所在地_都道府県": f.pref,
        "所在地_市区町村": m.city_full + f.ward, "所在地_町字": f.town, "所在地_番地以下": f.rest, "建物名等(方書)": f.building,
        "緯度": f.lat, "経度": f.lng, "設置位置": m.rng.choice(AED_POSITIONS.get(f.kind, ["入口"])), "電話番号": f.phone, "内線番号": "",
        "利用可能曜日": days, "開始時間": start, "終了時間": end, "利用可能日時特記事項": note,
        "小児対応設備の有無": "有" if m.rng.random() < 0.6 else "無", "URL": "", "備考": "",
    }


EVAC_COLUMNS = ["全国地方公共団体コード", "ID", "名称", "名称_カナ", "名称_英字", "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記",
                "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "緯度", "経度", "標高", "電話番号",
                "内線番号", "連絡先メールアドレス", "連絡先FormURL", "連絡先備考（その他、SNSなど）", "郵便番号", "市区町村コード", "地方公共団体名",
                "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波", "災害種別_大規模な火事",
                "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数", "対象となる町会・自治会", "URL", "画像",
                "画像_ライセンス", "備考"]
HAZARDS = ["災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波", "災害種別_大規模な火事",
           "災害種別_内水氾濫", "災害種別_火山現象"]


def evac_row(m, f, i, idprefix, hazards, elevation, capacity, districts):
    name = f.name + ("（校庭）" if f.kind in ("es", "jhs") and m.rng.random() < 0.3 else "")
    row = {c: "" for c in EVAC_COLUMNS}
    row.update({
        "全国地方公共団体コード": m.code, "ID": f"{idprefix}{i:04d}", "名称": name, "名称_カナ": f.kana, "名称_英字": f.en,
        "所在地_全国地方公共団体コード": f.area_code, "所在地_連結表記": f.address, "所在地_都道府県": f.pref, "所在地_市区町村": m.city_full + f.ward,
        "所在地_町字": f.town, "所在地_番地以下": f.rest, "緯度": f.lat, "経度": f.lng, "標高": elevation, "電話番号": f.phone,
        "市区町村コード": m.code, "地方公共団体名": lg_name(m), "想定収容人数": capacity, "対象となる町会・自治会": ";".join(districts),
    })
    for h in HAZARDS:
        row[h] = "1" if h in hazards else ""
    row["指定避難所との重複"] = "1" if f.kind in ("es", "jhs", "cc", "kc") else ""
    return row


TOILET_COLUMNS = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英語", "所在地_全国地方公共団体コード", "町字ID",
                  "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)", "設置位置", "緯度", "経度",
                  "高度の種別", "高度の値", "男性トイレ総数", "男性トイレ数（小便器）", "男性トイレ数（和式）", "男性トイレ数（洋式）", "女性トイレ総数",
                  "女性トイレ数（和式）", "女性トイレ数（洋式）", "男女共用トイレ総数", "男女共用トイレ数（和式）", "男女共用トイレ数（洋式）",
                  "バリアフリートイレ数", "車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無", "オストメイト設置トイレ有無", "利用開始時間",
                  "利用終了時間", "利用可能時間特記事項", "画像", "画像_ライセンス", "備考"]


def toilet_row(m, f, i, idprefix, name=None, kana=None, en=None):
    r = m.rng
    urinal, mj, mw = r.randint(1, 4), r.randint(0, 1), r.randint(1, 2)
    fj, fw = r.randint(0, 1), r.randint(1, 3)
    uni = r.randint(0, 1)
    bf = r.randint(0, 1) if uni == 0 else 1
    allday = r.random() < 0.55
    row = {c: "" for c in TOILET_COLUMNS}
    row.update({
        "全国地方公共団体コード": m.code, "ID": f"{idprefix}{i:04d}", "地方公共団体名": lg_name(m), "名称": name or f.name + "トイレ",
        "名称_カナ": kana or f.kana + "トイレ", "名称_英語": en or f.en + " Restroom", "所在地_全国地方公共団体コード": f.area_code,
        "所在地_連結表記": f.address, "所在地_都道府県": f.pref, "所在地_市区町村": m.city_full + f.ward, "所在地_町字": f.town,
        "所在地_番地以下": f.rest, "設置位置": r.choice(["公園入口付近", "駐車場横", "広場北側", "管理棟内", "遊具広場の東側", "園路沿い"]),
        "緯度": f.lat, "経度": f.lng, "高度の種別": "階数", "高度の値": 1,
        "男性トイレ総数": urinal + mj + mw, "男性トイレ数（小便器）": urinal, "男性トイレ数（和式）": mj, "男性トイレ数（洋式）": mw,
        "女性トイレ総数": fj + fw, "女性トイレ数（和式）": fj, "女性トイレ数（洋式）": fw, "男女共用トイレ総数": uni, "男女共用トイレ数（和式）": 0,
        "男女共用トイレ数（洋式）": uni, "バリアフリートイレ数": bf, "車椅子使用者用トイレ有無": "有" if bf else "無",
        "乳幼児用設備設置トイレ有無": "有" if bf and r.random() < 0.6 else "無", "オストメイト設置トイレ有無": "有" if bf and r.random() < 0.4 else "無",
        "利用開始時間": "" if allday else "7:00", "利用終了時間": "" if allday else r.choice(["19:00", "20:00", "21:00"]),
        "利用可能時間特記事項": "24時間利用可" if allday else "冬期（12月～2月）は18時まで",
    })
    return row


TOURISM_COLUMNS = ["全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英語", "所在地_全国地方公共団体コード",
                   "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "緯度", "経度", "利用可能曜日",
                   "開始時間", "終了時間", "利用可能日時特記事項", "料金(基本)", "料金(詳細)", "説明", "説明_英語", "アクセス方法", "駐車場情報",
                   "車椅子可", "バリアフリートイレ", "授乳室", "連絡先名称", "連絡先電話番号", "画像", "画像_ライセンス", "URL", "備考"]


def tourism_row(m, f, i, idprefix, access):
    suf, sufr, en, desc, fee, feed, start, end, days, note = TOURISM[f.kind]
    r = m.rng
    row = {c: "" for c in TOURISM_COLUMNS}
    row.update({
        "全国地方公共団体コード": m.code, "ID": f"{idprefix}{i:04d}", "地方公共団体名": lg_name(m), "名称": f.name, "名称_カナ": f.kana,
        "名称_英語": f.en, "所在地_全国地方公共団体コード": f.area_code, "所在地_連結表記": f.address, "所在地_都道府県": f.pref,
        "所在地_市区町村": m.city_full + f.ward, "所在地_町字": f.town, "所在地_番地以下": f.rest, "緯度": f.lat, "経度": f.lng,
        "利用可能曜日": days, "開始時間": start, "終了時間": end, "利用可能日時特記事項": note, "料金(基本)": fee, "料金(詳細)": feed,
        "説明": desc,
        "アクセス方法": r.choice(access), "駐車場情報": r.choice(["無料駐車場あり（20台）", "有料駐車場あり", "駐車場なし", "無料駐車場あり（50台）"]),
        "車椅子可": r.choice(["可", "可", "不可"]), "バリアフリートイレ": r.choice(["有", "無"]), "授乳室": r.choice(["有", "無", "無"]),
        "連絡先名称": m.city_short + "観光課" if m.city_short.endswith("市") else m.city_short + "観光商工課", "連絡先電話番号": f.phone,
        "画像_ライセンス": "", "URL": "", "備考": "",
    })
    row["説明_英語"] = f"{f.en}: " + {
        "museum": "local history and folklore exhibits.", "gallery": "works by local artists.", "view": "a wide view over the town and mountains.",
        "garden": "flowers in every season.", "onsen": "a day-use hot spring bath.", "info": "leaflets and travel advice.",
        "farm": "seasonal harvesting for visitors.", "trail": "a 2 km woodland walk.", "craft": "traditional crafts and workshops.",
        "camp": "tent sites and a cooking shelter.", "pier": "sightseeing boats around the islands.", "coast": "a promenade along the sea.",
        "ranch": "meet cows and horses; riding lessons.", "lookout": "views of the caldera.", "art": "modern Japanese painting.",
        "tennis": "all-weather courts for hire."}[f.kind]
    return row


POP_BANDS = ["0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64",
             "65-69", "70-74", "75-79", "80-84", "85歳以上"]
URBAN = [3.8, 4.1, 4.3, 4.9, 6.6, 6.4, 6.1, 6.3, 6.9, 7.6, 7.1, 6.0, 5.4, 5.6, 6.2, 4.9, 3.7, 3.6]
RURAL = [2.6, 3.1, 3.5, 3.8, 3.2, 3.3, 3.7, 4.2, 4.9, 5.6, 6.0, 6.4, 7.1, 8.2, 8.9, 7.6, 6.8, 7.9]


def band_header(b, sex):
    return ("85歳以上" if b.startswith("85") else f"{b}歳") + f"の{sex}"


POP_COLUMNS = (["全国地方公共団体コード", "地域コード", "地方公共団体名", "調査年月日", "地域名", "総人口", "男性", "女性"]
               + [band_header(b, s) for b in POP_BANDS for s in ("男性", "女性")] + ["世帯数", "備考"])


def population(rng, total, weights):
    """Counts per band and sex summing exactly to total (men slightly fewer in old age)."""
    w = [x * rng.uniform(0.8, 1.2) for x in weights]
    s = sum(w)
    counts = []
    for i, x in enumerate(w):
        n = total * x / s
        male_share = 0.51 - 0.012 * max(0, i - 12)
        counts.append((n * male_share, n * (1 - male_share)))
    flat = [int(v) for pair in counts for v in pair]
    diff = total - sum(flat)
    for k in range(abs(diff)):
        flat[(k * 7) % len(flat)] += 1 if diff > 0 else -1
    return flat


def pop_row(m, code, area_code, name, date, total, weights, household_size):
    flat = population(m.rng, total, weights)
    men, women = sum(flat[0::2]), sum(flat[1::2])
    row = {"全国地方公共団体コード": code, "地域コード": area_code, "地方公共団体名": lg_name(m), "調査年月日": date, "地域名": name,
           "総人口": total, "男性": men, "女性": women, "世帯数": int(total / household_size), "備考": ""}
    for (b, s), v in zip([(b, s) for b in POP_BANDS for s in ("男性", "女性")], flat):
        row[band_header(b, s)] = v
    return row


def table(rows, columns, rename=None):
    """Header + rows in the given column order; rename maps standard names to the names this file uses."""
    rename = rename or {}
    return [[rename.get(c, c) for c in columns]] + [[r.get(c, "") for c in columns] for r in rows]


# ---------------------------------------------------------------- the sources

FILES = []  # (path relative to samples/demo, description) for the README check


def out(rel, data):
    write(os.path.join(OUT, rel), data)
    FILES.append(rel)
    return len(data)


def hazards_sendai(f):
    coastal = {"荒浜", "荒井", "六郷", "蒲生", "高砂", "福室", "中野", "新田", "今泉", "上飯田", "伊在", "なないろの里"}
    hills = {"中山", "旭ケ丘", "南吉成", "折立", "八木山本町", "茂庭", "人来田", "栗生", "愛子中央", "向山", "萩ケ丘", "三神峯",
             "根白石", "実沢", "紫山", "寺岡", "桂", "北中山", "南中山", "緑ケ丘"}
    low = {"長町", "郡山", "大野田", "袋原", "四郎丸", "中田", "東中田", "富沢", "岩切", "福室", "田子", "蒲町", "若林", "遠見塚", "沖野",
           "卸町", "大和町", "河原町", "あすと長町", "原町", "小田原", "宮城野", "榴岡", "五輪"}
    h = {"災害種別_地震"}
    if f.base in coastal:
        h |= {"災害種別_津波", "災害種別_高潮"} if f.kind in ("es", "jhs", "cc") else set()
        h |= {"災害種別_洪水"}
    if f.base in hills and f.kind in ("es", "jhs", "cc"):
        h |= {"災害種別_崖崩れ、土石流及び地滑り"}
    if f.base in low and f.kind != "park":
        h |= {"災害種別_洪水", "災害種別_内水氾濫"}
    if f.kind == "park":
        h |= {"災害種別_大規模な火事"}
    return h


def make_sendai(geo):
    m = Muni(SENDAI, geo, 41009)
    pool = public_pool(m, city_like=True, rural=False)
    r = m.rng
    # Ward offices and a few city-wide facilities.
    extras = []
    for f, acode, ward, _, towns in SENDAI["areas"]:
        base, reading = towns[0]
        wreading = next(a[3] for a in SENDAI["areas"] if a[2] == ward)
        extras.append(m.fac("office", ward + "役所", kata(wreading + "やくしょ"), romaji(wreading.removesuffix("く")) + " Ward Office",
                            f, acode, ward, base, building="本庁舎1階"))
        extras.append(m.fac("gym", ward + "文化センター", kata(wreading + "ぶんかせんたー"), romaji(wreading.removesuffix("く")) + " Cultural Center",
                            f, acode, ward, towns[3][0]))
        extras.append(m.fac("lib", ward + "図書館", kata(wreading + "としょかん"), romaji(wreading.removesuffix("く")) + " Library",
                            f, acode, ward, towns[5][0]))
    extras = [e for e in extras if e]

    # 1. AED (UTF-8 with BOM, current layout)
    aed_src = [f for f in pool if f.kind in ("es", "jhs", "cc", "ch", "nur")] + extras
    aed_src = sorted(r.sample(aed_src, min(150, len(aed_src))), key=lambda f: (f.area_code, f.kana))
    rows = [aed_row(m, f, i + 1, "FF041009") for i, f in enumerate(aed_src)]
    for k, row in enumerate(rows):
        if k % 3 == 1:
            row["所在地_連結表記"] = row["所在地_連結表記"].removeprefix("宮城県")  # many rows leave out the prefecture
        if k % 17 == 5:
            row["名称_カナ"] = "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in row["名称_カナ"])  # hiragana
        if k % 23 == 7:
            row["小児対応設備の有無"] = "○"
        if k % 29 == 11:
            row["電話番号"] = row["電話番号"].replace("-", "(", 1).replace("-", ")", 1)  # 022(214)1234
        if k in (12, 64, 121):
            row["緯度"] = row["経度"] = ""  # not yet surveyed
    out("ckan-miyagi/files/041009/041009_aed.csv", csv_bytes(table(rows, AED_COLUMNS), bom=True))
    out("ckan-miyagi/files/041009/041009_aed_map.pdf",
        pdf_bytes(["Sendai City AED locations - map for printing (demo sample)", "This PDF is a printable map, not the data.",
                   "The data is in 041009_aed.csv."]))

    # 2. 指定緊急避難場所 (UTF-8 without BOM, current layout)
    evac_src = [f for f in pool if f.kind in ("es", "jhs", "cc")] + [f for f in pool if f.kind == "park"][:40]
    evac_src.sort(key=lambda f: (f.area_code, f.kana))
    rows = []
    for i, f in enumerate(evac_src):
        cap = r.choice([300, 450, 600, 800, 1200, 1500, 2400]) if f.kind != "park" else r.choice([1000, 2000, 3500, 5000])
        dist = [name_part(f.base) + suf for suf in r.sample(["町内会", "第一町内会", "第二町内会", "自治会", "連合町内会"], r.randint(1, 3))]
        elev = round(r.uniform(2, 8), 1) if "災害種別_津波" in hazards_sendai(f) else round(r.uniform(15, 180), 1)
        rows.append(evac_row(m, f, i + 1, "CC041009", hazards_sendai(f), elev, cap, dist))
    for k, row in enumerate(rows):
        if k % 9 == 4:
            row["想定収容人数"] = f"{int(row['想定収容人数']):,}"  # "1,200"
        if k % 11 == 3:
            row["対象となる町会・自治会"] = row["対象となる町会・自治会"].replace(";", "、")
        if k % 13 == 6:
            row["標高"] = f"{row['標高']}m"
    out("ckan-miyagi/files/041009/041009_evacuation_space.csv", csv_bytes(table(rows, EVAC_COLUMNS), newline="\n"))

    # 3. 公衆トイレ (XLSX: a title row merged across, a blank row, then the header; a notes sheet)
    parks = [f for f in pool if f.kind == "park"]
    t_src = sorted(r.sample(parks, min(70, len(parks))), key=lambda f: (f.area_code, f.kana))
    rows = [toilet_row(m, f, i + 1, "LL041009") for i, f in enumerate(t_src)]
    tab = table(rows, TOILET_COLUMNS)
    ncol = len(TOILET_COLUMNS)
    sheet = [["仙台市 公衆トイレ一覧（令和6年4月1日現在）"] + [""] * (ncol - 1), [""] * ncol] + tab
    notes = [["注意事項"], ["・公園の公衆トイレを掲載しています。"], ["・便器数は便座単位で数えています。"], ["・問い合わせ先：各区公園課"]]
    out("ckan-miyagi/files/041009/041009_public_toilet.xlsx",
        xlsx_bytes([{"name": "公衆トイレ一覧", "rows": sheet, "merges": ["A1:L1"], "widths": [12, 14, 14, 28, 30]},
                    {"name": "注意事項", "rows": notes}]))

    # 4. 観光施設 (UTF-8, current layout; a description with a line break; a fee written with 円)
    t_pool = tourism_pool(m, ["museum", "gallery", "view", "garden", "onsen", "info", "farm", "trail", "craft"], 45, False,
                          countryside={"秋保町湯元", "根白石", "実沢", "茂庭", "栗生", "愛子中央", "人来田", "上谷刈", "紫山"})
    t_pool.sort(key=lambda f: (f.area_code, f.kana))
    access = ["地下鉄南北線「駅」から徒歩10分", "仙台駅からバスで25分", "地下鉄東西線の駅から徒歩15分", "仙台駅から車で30分"]
    rows = [tourism_row(m, f, i + 1, "JJ041009", access) for i, f in enumerate(t_pool)]
    for k, row in enumerate(rows):
        if k % 10 == 2:
            row["説明"] = row["説明"].replace("。", "。\n", 1).rstrip("\n")
        if k % 12 == 5 and row["料金(基本)"]:
            row["料金(基本)"] = f"{row['料金(基本)']}円"
    out("ckan-miyagi/files/041009/041009_tourism.csv", csv_bytes(table(rows, TOURISM_COLUMNS)))

    # 5. 地域・年齢別人口 by 町丁 (UTF-8 with BOM, the standard layout, counts with thousands separators)
    rows = []
    for f, acode, ward, _, towns in SENDAI["areas"]:
        names = sorted({t["town"] for t in geo.towns(SENDAI["pref"], f)})
        pick = sorted(r.sample(names, 20))
        for j, tn in enumerate(pick):
            total = r.randint(400, 7800)
            row = pop_row(m, "041009", f"{acode}{j + 1:03d}", f"{ward}{tn}", "2024-04-01", total, URBAN, r.uniform(1.9, 2.4))
            rows.append(row)
    tab = table(rows, POP_COLUMNS)
    for line in tab[1:]:
        for c in range(5, len(line) - 1):
            if isinstance(line[c], int) and line[c] >= 1000:
                line[c] = f"{line[c]:,}"
    out("ckan-miyagi/files/041009/041009_population_202404.csv", csv_bytes(tab, bom=True))
    return m


def make_matsushima(geo):
    m = Muni(MATSUSHIMA, geo, 44016)
    pool = public_pool(m, city_like=False, rural=True)
    r = m.rng
    office = m.fac("office", "松島町役場", "マツシママチヤクバ", "Matsushima Town Office", "宮城郡松島町", "044016", "", "高城", rural=True, building="1階")
    gym = m.fac("gym", "松島町体育館", "マツシママチタイイクカン", "Matsushima Town Gymnasium", "宮城郡松島町", "044016", "", "高城", rural=True)
    tour = tourism_pool(m, ["pier", "coast", "view", "museum", "info", "gallery", "garden", "trail"], 35, True)

    # 1. AED in a workbook whose title says nothing ("一覧表（令和6年度）"): Sheet1, header on row 1
    src = [f for f in pool if f.kind in ("es", "jhs", "kc", "nur", "hall")] + [office, gym] + [f for f in tour if f.kind in ("info", "museum", "pier")]
    src.sort(key=lambda f: f.kana)
    rows = [aed_row(m, f, i + 1, "FF044016") for i, f in enumerate(src)]
    tab = table(rows, AED_COLUMNS)
    out("ckan-miyagi/files/044016/ichiranhyo_r6.xlsx", xlsx_bytes([{"name": "Sheet1", "rows": tab}]))

    # 2. 観光施設 (CP932, old 推奨データセット layout, 5-digit code, full-width digits, 8時30分)
    old = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_英語", "POIコード", "住所", "方書",
           "緯度", "経度", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "料金(基本)", "料金(詳細)", "説明", "説明_英語",
           "アクセス方法", "駐車場情報", "バリアフリー情報", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "画像", "画像_ライセンス", "URL", "備考"]
    access = ["JR仙石線松島海岸駅から徒歩5分", "JR東北本線松島駅から徒歩20分", "三陸自動車道松島海岸ICから車で5分"]
    rows = []
    for i, f in enumerate(sorted(tour, key=lambda f: f.kana)):
        t = tourism_row(m, f, i + 1, "", access)
        start = t["開始時間"]
        if start and i % 3 == 0:
            h, mi = start.split(":")
            start = f"{int(h)}時{mi}分" if mi != "00" else f"{int(h)}時"
        rows.append({"都道府県コード又は市区町村コード": "04401", "NO": str(i + 1), "都道府県名": "宮城県", "市区町村名": "松島町",
                     "名称": f.name, "名称_カナ": f.kana, "名称_英語": f.en, "住所": full_width(f.address_no_pref.replace("宮城郡", "")) if i % 2 else f.address,
                     "緯度": f.lat, "経度": f.lng, "利用可能曜日": t["利用可能曜日"], "開始時間": start, "終了時間": t["終了時間"],
                     "利用可能日時特記事項": t["利用可能日時特記事項"], "料金(基本)": t["料金(基本)"], "料金(詳細)": t["料金(詳細)"], "説明": t["説明"],
                     "説明_英語": t["説明_英語"], "アクセス方法": t["アクセス方法"], "駐車場情報": t["駐車場情報"],
                     "バリアフリー情報": r.choice(["車椅子可;バリアフリートイレ", "車椅子可", ""]), "連絡先名称": "松島町観光協会",
                     "連絡先電話番号": full_width(f.phone) if i % 4 == 1 else f.phone})
    out("ckan-miyagi/files/044016/044016_tourism.csv", csv_bytes(table(rows, old), encoding="cp932"))

    # 3. 指定緊急避難場所 (UTF-8, old layout: NO first, 市区町村コード with its leading zero lost, ○ flags)
    src = [f for f in pool if f.kind in ("es", "jhs", "kc", "park", "hall")] + [gym]
    src.sort(key=lambda f: f.kana)
    old = ["NO", "名称", "名称_カナ", "住所", "方書", "緯度", "経度", "標高", "電話番号", "内線番号", "市区町村コード", "都道府県名", "市区町村名",
           "災害種別_洪水", "災害種別_崖崩れ、土石流及び地滑り", "災害種別_高潮", "災害種別_地震", "災害種別_津波", "災害種別_大規模な火事",
           "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数", "対象となる町会・自治会", "URL", "備考"]
    rows = []
    for i, f in enumerate(src):
        coastal = f.base in ("松島", "磯崎", "手樽", "高城")
        hz = {"災害種別_地震", "災害種別_大規模な火事"} | ({"災害種別_津波", "災害種別_高潮"} if coastal and f.kind != "park" else set())
        hz |= {"災害種別_崖崩れ、土石流及び地滑り"} if f.base in ("幡谷", "竹谷", "初原", "桜渡戸") and f.kind != "park" else set()
        hz |= {"災害種別_洪水"} if f.base in ("根廻", "北小泉", "高城") else set()
        row = {"NO": str(i + 1), "名称": f.name, "名称_カナ": f.kana, "住所": f.address, "緯度": f.lat, "経度": f.lng,
               "標高": round(r.uniform(3, 12) if coastal else r.uniform(10, 60), 1), "電話番号": f.phone, "市区町村コード": "44016",
               "都道府県名": "宮城県", "市区町村名": "松島町", "想定収容人数": r.choice([150, 200, 300, 500, 800]),
               "対象となる町会・自治会": name_part(f.base) + "地区", "指定避難所との重複": "○" if f.kind in ("es", "jhs", "kc") else ""}
        for h in HAZARDS:
            row[h] = "○" if h in hz else ""
        rows.append(row)
    out("ckan-miyagi/files/044016/044016_hinanbasho.csv", csv_bytes(table(rows, old)))

    # 4. 公衆トイレ (UTF-8, current layout; "あり"/"なし")
    src = [f for f in pool if f.kind == "park"] + [f for f in tour if f.kind in ("pier", "coast", "view", "info")]
    rows = []
    for i, f in enumerate(sorted(src, key=lambda f: f.kana)):
        t = toilet_row(m, f, i + 1, "LL044016")
        for k in ("車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無", "オストメイト設置トイレ有無"):
            t[k] = {"有": "あり", "無": "なし"}[t[k]]
        rows.append(t)
    out("ckan-miyagi/files/044016/044016_toilet.csv", csv_bytes([line + [""] for line in table(rows, TOILET_COLUMNS)]))

    # 5. 人口 (CP932, 和暦 date, old 都道府県名/市区町村名 columns, a 合計 row at the bottom)
    rows = []
    for j, (base, reading) in enumerate(MATSUSHIMA["areas"][0][4]):
        rows.append(pop_row(m, "044016", f"{j + 1:02d}", base, "令和6年3月31日", r.randint(300, 4200), RURAL, r.uniform(2.2, 2.8)))
    total = {k: sum(x[k] for x in rows) for k in rows[0] if isinstance(rows[0][k], int)}
    rows.append({**{k: "" for k in rows[0]}, **total, "全国地方公共団体コード": "044016", "調査年月日": "令和6年3月31日", "地域名": "合計"})
    old_cols = ["全国地方公共団体コード", "地域コード", "都道府県名", "市区町村名"] + POP_COLUMNS[3:]
    for x in rows:
        x["都道府県名"], x["市区町村名"] = "宮城県", "松島町"
    out("ckan-miyagi/files/044016/044016_jinko_r6.csv", csv_bytes(table(rows, old_cols), encoding="cp932"))
    return m


def make_matsumoto(geo):
    m = Muni(MATSUMOTO, geo, 202029)
    pool = public_pool(m, city_like=True, rural=False)
    r = m.rng
    office = m.fac("office", "松本市役所", "マツモトシヤクショ", "Matsumoto City Hall", "松本市", "202029", "", "丸の内", building="本庁舎1階")
    tour = tourism_pool(m, ["museum", "gallery", "view", "garden", "onsen", "info", "craft", "trail", "art", "camp"], 45, False,
                        countryside={"安曇", "奈川", "大字入山辺", "大字里山辺", "大字浅間温泉", "会田", "波田", "梓川倭", "大字岡田町", "大字内田"})

    # 1. AED (CP932, title row, old layout, 5-digit code, 経度 before 緯度, three swapped pairs, full-width digits, 和暦 設置日,
    #    one wrong check digit, one duplicate NO, a footnote row)
    src = [f for f in pool if f.kind in ("es", "jhs", "cc", "ch", "nur")] + [office] + [f for f in tour if f.kind in ("museum", "info", "onsen", "art")]
    src = sorted(r.sample(src, min(130, len(src))), key=lambda f: f.kana)
    old = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "住所", "方書", "経度", "緯度", "設置位置",
           "電話番号", "内線番号", "利用可能曜日", "開始時間", "終了時間", "利用可能日時特記事項", "小児対応設備の有無", "URL", "備考", "設置年月日"]
    dates = ["平成28年4月1日", "H29.6.1", "平成30年10月1日", "令和元年5月7日", "令和2年4月1日", "R3.4.1", "令和4年7月15日", "R5.4.1"]
    rows = []
    for i, f in enumerate(src):
        a = aed_row(m, f, i + 1, "")
        row = {"都道府県コード又は市区町村コード": "20202", "NO": str(i + 1), "都道府県名": "長野県", "市区町村名": "松本市", "名称": f.name,
               "名称_カナ": half_kana(f.kana) if i % 7 == 3 else f.kana, "住所": f.address_no_pref if i % 2 else f.address,
               "方書": f.building, "経度": f.lng, "緯度": f.lat, "設置位置": a["設置位置"],
               "電話番号": full_width(f.phone) if i % 5 == 2 else f.phone, "利用可能曜日": a["利用可能曜日"], "開始時間": a["開始時間"],
               "終了時間": a["終了時間"], "利用可能日時特記事項": a["利用可能日時特記事項"], "小児対応設備の有無": r.choice(["有", "無", "○", "×"]),
               "設置年月日": r.choice(dates)}
        if i % 6 == 4:
            row["住所"] = full_width(row["住所"])
        rows.append(row)
    for k in (17, 48, 80):  # deliberately swapped: the 経度 column holds the latitude
        rows[k]["経度"], rows[k]["緯度"] = rows[k]["緯度"], rows[k]["経度"]
    rows[40]["都道府県コード又は市区町村コード"] = "202028"  # deliberately wrong check digit
    rows[63]["NO"] = rows[62]["NO"]  # deliberately duplicated NO
    ncol = len(old)
    tab = [["松本市AED設置場所一覧（令和6年4月1日現在）"] + [""] * (ncol - 1)] + table(rows, old)
    tab.append(["※設置場所の詳細は各施設にお問い合わせください。"] + [""] * (ncol - 1))
    out("page-matsumoto/files/202029_aed.csv", csv_bytes(tab, encoding="cp932"))

    # 2. 指定緊急避難場所 (CP932, old layout, ○ flags, 地震(火災) header variant, 対象となる地区, full-width capacity)
    src = [f for f in pool if f.kind in ("es", "jhs", "cc")] + [f for f in pool if f.kind == "park"][:30]
    src.sort(key=lambda f: f.kana)
    old = ["NO", "名称", "名称_カナ", "住所", "方書", "緯度", "経度", "標高", "電話番号", "内線番号", "市区町村コード", "都道府県名", "市区町村名",
           "災害種別_洪水", "災害種別_崖崩れ・土石流及び地滑り", "災害種別_高潮", "災害種別_地震(火災)", "災害種別_津波", "災害種別_大規模な火事",
           "災害種別_内水氾濫", "災害種別_火山現象", "指定避難所との重複", "想定収容人数", "対象となる地区", "URL", "備考"]
    river = {"渚", "庄内", "出川", "並柳", "双葉", "南松本", "大字島内", "大字島立", "大字新村", "大字笹賀", "大字神林", "大字今井", "大字和田", "梓川倭", "波田", "平田東"}
    hills = {"大字入山辺", "大字里山辺", "大字浅間温泉", "安曇", "奈川", "会田", "城山", "大字岡田町"}
    rows = []
    for i, f in enumerate(src):
        hz = {"災害種別_地震(火災)"} | ({"災害種別_大規模な火事"} if f.kind == "park" else set())
        if f.base in river:
            hz |= {"災害種別_洪水", "災害種別_内水氾濫"} if f.kind != "park" else set()
        if f.base in hills and f.kind != "park":
            hz |= {"災害種別_崖崩れ・土石流及び地滑り"}
        if f.base in ("安曇", "奈川") and f.kind != "park":
            hz |= {"災害種別_火山現象"}
        cap = r.choice([200, 350, 500, 700, 900, 1200]) if f.kind != "park" else r.choice([1500, 3000, 4500])
        row = {"NO": str(i + 1), "名称": f.name, "名称_カナ": f.kana, "住所": f.address, "緯度": f.lat, "経度": f.lng,
               "標高": round(r.uniform(580, 720) if f.base not in hills else r.uniform(700, 1300), 1), "電話番号": f.phone,
               "市区町村コード": "202029", "都道府県名": "長野県", "市区町村名": "松本市",
               "指定避難所との重複": "○" if f.kind in ("es", "jhs", "cc") else "", "想定収容人数": full_width(str(cap)) if i % 4 == 0 else cap,
               "対象となる地区": name_part(f.base) + "地区"}
        for h in old[13:21]:
            row[h] = "○" if h in hz else ""
        rows.append(row)
    out("page-matsumoto/files/202029_evacuation_space.csv", csv_bytes(table(rows, old), encoding="cp932"))

    # 3. 公衆トイレ (XLSX with a title row, old layout with 多機能トイレ数, ○/× flags)
    src = [f for f in pool if f.kind == "park"] + [f for f in tour if f.kind in ("view", "garden", "trail", "camp", "info")]
    src = sorted(src[:60], key=lambda f: f.kana)
    old = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_英語", "住所", "方書", "設置位置",
           "緯度", "経度", "男性トイレ総数", "男性トイレ数（小便器）", "男性トイレ数（和式）", "男性トイレ数（洋式）", "女性トイレ総数",
           "女性トイレ数（和式）", "女性トイレ数（洋式）", "男女共用トイレ総数", "男女共用トイレ数（和式）", "男女共用トイレ数（洋式）", "多機能トイレ数",
           "車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無", "オストメイト設置トイレ有無", "利用開始時間", "利用終了時間", "利用可能時間特記事項",
           "画像", "画像_ライセンス", "備考"]
    rows = []
    for i, f in enumerate(src):
        t = toilet_row(m, f, i + 1, "")
        t.update({"都道府県コード又は市区町村コード": "202029", "NO": i + 1, "都道府県名": "長野県", "市区町村名": "松本市", "住所": f.address,
                  "方書": "", "多機能トイレ数": t["バリアフリートイレ数"]})
        for k in ("車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無", "オストメイト設置トイレ有無"):
            t[k] = {"有": "○", "無": "×"}[t[k]]
        rows.append(t)
    ncol = len(old)
    tab = table(rows, old)
    tab.insert(31, [""] * ncol)  # an empty row left in the middle of the sheet
    sheet = [["松本市公衆トイレ一覧"] + [""] * (ncol - 1), ["令和6年4月1日現在"] + [""] * (ncol - 1)] + tab
    out("page-matsumoto/files/202029_public_toilet.xlsx",
        xlsx_bytes([{"name": "公衆トイレ", "rows": sheet, "merges": ["A1:H1"]}]))

    # 4. 観光施設 (XLSX, current layout)
    access = ["JR松本駅から徒歩15分", "松本駅からバスで20分", "長野自動車道松本ICから車で15分", "アルピコ交通上高地線の駅から徒歩10分"]
    rows = [tourism_row(m, f, i + 1, "JJ202029", access) for i, f in enumerate(sorted(tour, key=lambda f: f.kana))]
    tab = table(rows, TOURISM_COLUMNS)
    for line in tab[1:]:
        line[3] = Furigana(line[3], line[4])  # 名称 with its phonetic run (the reading typed with the IME)
    out("page-matsumoto/files/202029_tourism.xlsx", xlsx_bytes([{"name": "観光施設一覧", "rows": tab}]))

    # 5. 地域・年齢別人口 (XLSX: title row, 調査年月日 as a date cell, 都道府県名/市区町村名, "0～4歳の男性" headers, a source note)
    rows = []
    towns = [t for t in MATSUMOTO["areas"][0][4]]
    for j, (base, reading) in enumerate(towns[:40]):
        rows.append(pop_row(m, "202029", f"{j + 1:03d}", name_part(base) + "地区", XlsxDate(2024, 4, 1), r.randint(900, 14000),
                            URBAN if j < 25 else RURAL, r.uniform(2.0, 2.6)))
    for x in rows:
        x["都道府県名"], x["市区町村名"] = "長野県", "松本市"
    cols = ["全国地方公共団体コード", "地域コード", "都道府県名", "市区町村名"] + POP_COLUMNS[3:]
    rename = {band_header(b, s): band_header(b, s).replace("-", "～") for b in POP_BANDS for s in ("男性", "女性")}
    tab = table(rows, cols, rename)
    ncol = len(cols)
    sheet = [["松本市 地域・年齢別人口（令和6年4月1日現在）"] + [""] * (ncol - 1)] + tab + [["資料：住民基本台帳（外国人住民を含む）"] + [""] * (ncol - 1)]
    out("page-matsumoto/files/202029_population_r6.xlsx", xlsx_bytes([{"name": "R6.4.1", "rows": sheet, "merges": ["A1:J1"]}]))

    out("page-matsumoto/files/opendata_riyoukiyaku.pdf",
        pdf_bytes(["Matsumoto City open data terms of use (demo sample)", "Licence: CC BY 4.0", "This file is not data."]))
    return m


def make_karuizawa(geo):
    m = Muni(KARUIZAWA, geo, 203211)
    r = random.Random(2032110)
    pools = karuizawa_pool(m, {
        "tour": (["art", "gallery", "trail", "info", "onsen", "tennis", "garden", "view", "museum", "camp"], 55),
        "public": (["es", "jhs", "kc", "park", "hall", "nur", "ch"], 45),
    }, r)
    tour, public = pools["tour"], pools["public"]

    # 1. 観光施設 (UTF-8, current layout, a footnote row below the data)
    access = ["JR軽井沢駅から徒歩10分", "しなの鉄道中軽井沢駅から徒歩15分", "軽井沢駅からバスで20分", "上信越自動車道碓氷軽井沢ICから車で20分"]
    rows = [tourism_row(m, f, i + 1, "JJ203211", access) for i, f in enumerate(sorted(tour, key=lambda f: f.kana))]
    tab = table(rows, TOURISM_COLUMNS, {"名称": "名称（必須）", "所在地_連結表記": "所在地_連結表記（必須）", "説明": "説明（必須）"})
    tab.append(["※営業時間・料金は変更になる場合があります。最新の情報は各施設にご確認ください。"] + [""] * (len(TOURISM_COLUMNS) - 1))
    out("page-karuizawa/files/203211_tourism.csv", csv_bytes(tab))

    # 2. 公衆トイレ (UTF-8 with BOM, current layout)
    src = [f for f in public if f.kind == "park"] + [f for f in tour if f.kind in ("trail", "view", "info", "garden")]
    rows = [toilet_row(m, f, i + 1, "LL203211") for i, f in enumerate(sorted(src, key=lambda f: f.kana))]
    out("page-karuizawa/files/203211_public_toilet.csv", csv_bytes(table(rows, TOILET_COLUMNS), bom=True))

    # 3. AED (UTF-8, every cell quoted as some exporters do)
    src = [f for f in public if f.kind in ("es", "jhs", "kc", "nur", "ch")] + [f for f in tour if f.kind in ("art", "museum", "info", "onsen")]
    rows = [aed_row(m, f, i + 1, "FF203211") for i, f in enumerate(sorted(src, key=lambda f: f.kana))]
    for k in (8, 33):
        rows[k]["緯度"] = rows[k]["経度"] = "-"
    out("page-karuizawa/files/203211_aed.csv", csv_bytes(table(rows, AED_COLUMNS), quote_all=True))

    # 4. 指定緊急避難場所: the workbook, and a "CSV" link that serves the PDF print version by mistake
    src = [f for f in public if f.kind in ("es", "jhs", "kc", "park", "hall")]
    rows = []
    for i, f in enumerate(sorted(src, key=lambda f: f.kana)):
        hz = {"災害種別_地震", "災害種別_大規模な火事"} | ({"災害種別_火山現象"} if f.kind != "park" else set())
        if f.base in ("塩沢", "発地", "茂沢", "南ケ丘") and f.kind != "park":
            hz |= {"災害種別_洪水"}
        if f.base in ("千ケ滝", "峠町", "星野") and f.kind != "park":
            hz |= {"災害種別_崖崩れ、土石流及び地滑り"}
        rows.append(evac_row(m, f, i + 1, "CC203211", hz, round(r.uniform(900, 1100), 1), r.choice([100, 200, 300, 500, 800]),
                             [f.base + "区"]))
    rows[5]["緯度"], rows[5]["経度"] = rows[5]["経度"], rows[5]["緯度"]  # deliberately swapped
    out("page-karuizawa/files/203211_evacuation_space.xlsx", xlsx_bytes([{"name": "指定緊急避難場所", "rows": table(rows, EVAC_COLUMNS)}]))
    out("page-karuizawa/files/203211_evacuation_space.csv",
        pdf_bytes(["Karuizawa designated emergency evacuation sites - print version (demo sample)",
                   "This PDF was uploaded in place of the CSV file.", "See 203211_evacuation_space.xlsx for the data.", ""]
                  + [f"{k + 1}. {f.en}" for k, f in enumerate(sorted(src, key=lambda f: f.kana))]))

    # 5. 地域・年齢別人口 by 地区 (UTF-8, 調査年月日 as R6.4.1)
    rows = []
    for j, (dname, reading, oaza, _, _) in enumerate(KARUIZAWA["districts"]):
        rows.append(pop_row(m, "203211", f"{j + 1:02d}", dname + "区", "R6.4.1", r.randint(350, 3600), RURAL, r.uniform(1.8, 2.3)))
    out("page-karuizawa/files/203211_population.csv", csv_bytes(table(rows, POP_COLUMNS)))
    return m


def make_aso(geo):
    m = Muni(ASO, geo, 432148)
    pool = public_pool(m, city_like=False, rural=True)
    r = m.rng
    office = m.fac("office", "阿蘇市役所", "アソシヤクショ", "Aso City Hall", "阿蘇市", "432148", "", "一の宮町宮地", rural=True, building="1階")
    tour = tourism_pool(m, ["onsen", "ranch", "lookout", "camp", "info", "museum", "trail", "farm"], 40, True)

    # 1. 指定緊急避難場所 (XLSX, current layout, ○ flags, 火山現象)
    src = sorted([f for f in pool if f.kind in ("es", "jhs", "kc", "park", "hall")], key=lambda f: f.kana)
    rows = []
    for i, f in enumerate(src):
        hz = {"災害種別_地震"}
        if f.kind != "park":
            hz |= {"災害種別_火山現象"} if f.base in ("赤水", "永草", "乙姫", "黒川", "一の宮町坂梨", "一の宮町宮地", "西町", "蔵原", "竹原", "車帰", "無田") else set()
            hz |= {"災害種別_崖崩れ、土石流及び地滑り"} if f.base in ("一の宮町手野", "一の宮町中通", "一の宮町三野", "山田", "西湯浦", "湯浦", "跡ケ瀬") else set()
            hz |= {"災害種別_洪水", "災害種別_内水氾濫"} if f.base in ("内牧", "小里", "狩尾", "小池", "今町", "小野田", "役犬原", "三久保") else set()
        else:
            hz |= {"災害種別_大規模な火事"}
        row = evac_row(m, f, i + 1, "CC432148", hz, round(r.uniform(470, 560) if "波野" not in f.base else r.uniform(700, 760), 1),
                       r.choice([80, 120, 200, 300, 450]), [name_part(f.base) + "区"])
        for h in HAZARDS + ["指定避難所との重複"]:
            row[h] = "○" if row[h] == "1" else ""
        if f.kind == "park":
            row["電話番号"] = ""  # an open space has no telephone: 電話番号 is required, so these rows are reported
        rows.append(row)
    out("folder-aso/432148_evacuation_space.xlsx", xlsx_bytes([{"name": "避難場所", "rows": table(rows, EVAC_COLUMNS)}]))

    # 2. AED (CP932, current layout, 5-digit codes; the file name says the publisher in 【】)
    src = sorted([f for f in pool if f.kind in ("es", "jhs", "kc", "nur", "ch")] + [office] + [f for f in tour if f.kind in ("onsen", "info", "museum", "ranch", "camp")],
                 key=lambda f: f.kana)
    rows = []
    for i, f in enumerate(src):
        a = aed_row(m, f, i + 1, "FF432148")
        a["全国地方公共団体コード"] = "43214"
        a["所在地_全国地方公共団体コード"] = "43214"
        rows.append(a)
    out("folder-aso/【阿蘇市】AED設置箇所一覧.csv", csv_bytes(table(rows, AED_COLUMNS), encoding="cp932"))

    # 3. 観光施設 (UTF-8 with BOM, current layout)
    access = ["JR豊肥本線阿蘇駅から徒歩10分", "JR阿蘇駅からバスで15分", "JR宮地駅から車で10分", "熊本市内から車で約1時間"]
    rows = [tourism_row(m, f, i + 1, "JJ432148", access) for i, f in enumerate(sorted(tour, key=lambda f: f.kana))]
    out("folder-aso/432148_tourism.csv", csv_bytes(table(rows, TOURISM_COLUMNS), bom=True))

    # 4. 公衆トイレ (CP932, old layout with 多機能トイレ数, 有/無)
    src = sorted([f for f in pool if f.kind == "park"] + [f for f in tour if f.kind in ("lookout", "camp", "trail", "info")], key=lambda f: f.kana)
    old = ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名", "名称", "名称_カナ", "名称_英語", "住所", "方書", "設置位置", "緯度", "経度",
           "男性トイレ総数", "女性トイレ総数", "男女共用トイレ総数", "多機能トイレ数", "車椅子使用者用トイレ有無", "乳幼児用設備設置トイレ有無",
           "オストメイト設置トイレ有無", "利用開始時間", "利用終了時間", "利用可能時間特記事項", "画像", "画像_ライセンス", "備考"]
    rows = []
    for i, f in enumerate(src):
        t = toilet_row(m, f, i + 1, "")
        t.update({"都道府県コード又は市区町村コード": "432148", "NO": str(i + 1), "都道府県名": "熊本県", "市区町村名": "阿蘇市", "住所": f.address,
                  "多機能トイレ数": t["バリアフリートイレ数"]})
        if i % 4 == 1:
            t["緯度"], t["経度"] = f"{t['緯度']} ", f"{t['経度']} "
        if not t["利用開始時間"]:
            t["利用開始時間"], t["利用終了時間"] = "0:00", "24:00"
        rows.append(t)
    out("folder-aso/432148_public_toilet.csv", csv_bytes(table(rows, old, {"名称_カナ": "名称_ｶﾅ"}), encoding="cp932"))

    # 5. 地域・年齢別人口 (UTF-8, the standard layout, 和暦 date)
    rows = []
    for j, (base, reading) in enumerate(ASO["areas"][0][4]):
        rows.append(pop_row(m, "432148", f"{j + 1:03d}", name_part(base), "令和6年3月31日", r.randint(120, 2600), RURAL, r.uniform(2.1, 2.7)))
    out("folder-aso/432148_population_r6.csv", csv_bytes(table(rows, POP_COLUMNS)))
    return m


# ---------------------------------------------------------------- the fake CKAN catalogue

def ts(y, mo, d, h=9, mi=0, s=0, us=0):
    return datetime.datetime(y, mo, d, h, mi, s, us).isoformat(timespec="microseconds")


def build_ckan():
    site = {
        "site_title": "みやぎオープンデータカタログ（デモ）",
        "site_description": "Musubi のデモ用に作った架空のカタログです。掲載データは実在しません。",
        "locale_default": "ja", "ckan_version": "2.10.4",
    }
    orgs = [
        {"name": "c041009", "title": "仙台市", "description": "宮城県仙台市（デモ用の架空データ）", "created": ts(2019, 3, 1, 2, 10, 11, 512000)},
        {"name": "matsushima", "title": "松島町", "description": "宮城県宮城郡松島町（デモ用の架空データ）", "created": ts(2020, 6, 15, 1, 0, 3, 88000)},
    ]
    for o in orgs:
        o.update({"id": str(uuid.uuid5(NS, "org/" + o["name"])), "type": "organization", "image_url": "", "is_organization": True,
                  "approval_status": "approved", "state": "active"})
    group_defs = [("bousai", "防災", "防災・安全に関するデータ"), ("kenko", "健康・福祉", "健康・医療・福祉に関するデータ"),
                  ("kanko", "観光", "観光・文化に関するデータ"), ("jinko", "人口・世帯", "人口・世帯に関するデータ"),
                  ("seikatsu", "生活", "くらしに関するデータ"), ("sonota", "その他", "")]
    groups = {g: {"id": str(uuid.uuid5(NS, "group/" + g)), "name": g, "title": t, "display_name": t, "description": d,
                  "image_display_url": ""} for g, t, d in group_defs}
    lic = {"CC-BY-4.0": ("クリエイティブ・コモンズ 表示（CC BY）", "https://creativecommons.org/licenses/by/4.0/deed.ja"),
           "PDL-1.0": ("公共データ利用規約（第1.0版）", "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0")}

    def tag(n):
        return {"id": str(uuid.uuid5(NS, "tag/" + n)), "name": n, "display_name": n, "state": "active", "vocabulary_id": None}

    specs = [
        # org, name, title, notes, groups, tags, freq, licence, created, modified, resources [(file, name, format, mimetype, description)]
        ("c041009", "c041009-aed", "AED設置箇所一覧", "仙台市内の公共施設に設置しているAED（自動体外式除細動器）の一覧です。自治体標準オープンデータセットの形式で公開しています。",
         ["bousai", "kenko"], ["AED", "救急", "自治体標準オープンデータセット"], "随時", "CC-BY-4.0", (2019, 4, 1), (2024, 4, 5),
         [("files/041009/041009_aed.csv", "AED設置箇所一覧（CSV）", "CSV", "text/csv", "令和6年4月1日現在"),
          ("files/041009/041009_aed_map.pdf", "AED設置箇所マップ（PDF）", "PDF", "application/pdf", "印刷用の地図です。")]),
        ("c041009", "c041009-evacuation-space", "指定緊急避難場所一覧", "災害対策基本法に基づき指定した指定緊急避難場所の一覧です。災害種別ごとの指定状況を含みます。",
         ["bousai"], ["避難場所", "防災", "自治体標準オープンデータセット"], "年1回", "CC-BY-4.0", (2019, 4, 1), (2024, 4, 10),
         [("files/041009/041009_evacuation_space.csv", "指定緊急避難場所一覧", "CSV", "text/csv", "")]),
        ("c041009", "c041009-public-toilet", "公衆トイレ一覧", "市が管理する公園の公衆トイレの一覧です。",
         ["seikatsu"], ["トイレ", "公園"], "年1回", "CC-BY-4.0", (2020, 2, 3), (2024, 4, 12),
         [("files/041009/041009_public_toilet.xlsx", "公衆トイレ一覧（Excel）", "XLSX",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "")]),
        ("c041009", "c041009-tourism", "観光施設一覧", "仙台市内の観光施設の一覧です。",
         ["kanko"], ["観光"], "随時", "CC-BY-4.0", (2020, 2, 3), (2024, 3, 28),
         [("files/041009/041009_tourism.csv", "観光施設一覧", "CSV", "text/csv", "")]),
        ("c041009", "c041009-population-chocho", "町丁別年齢別人口（令和6年4月1日現在）", "住民基本台帳に基づく町丁別・5歳階級別の人口です。",
         ["jinko"], ["人口", "統計"], "毎月", "CC-BY-4.0", (2019, 4, 1), (2024, 4, 15),
         [("files/041009/041009_population_202404.csv", "町丁別年齢別人口 令和6年4月", "CSV", "text/csv", "")]),
        ("matsushima", "matsushima-r6-ichiran", "一覧表（令和6年度）", "令和6年度版の一覧表です。",
         ["sonota"], [], "不定期", "PDL-1.0", (2024, 5, 20), (2024, 5, 20),
         [("files/044016/ichiranhyo_r6.xlsx", "一覧表", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "")]),
        ("matsushima", "matsushima-tourism", "観光施設一覧", "松島町の観光施設の一覧です（推奨データセット形式）。",
         ["kanko"], ["観光", "推奨データセット"], "年1回", "CC-BY-4.0", (2020, 7, 1), (2023, 11, 30),
         [("files/044016/044016_tourism.csv", "観光施設一覧", "CSV", "text/csv", "")]),
        ("matsushima", "matsushima-hinanbasho", "指定緊急避難場所一覧", "松島町の指定緊急避難場所です。",
         ["bousai"], ["防災", "津波"], "年1回", "CC-BY-4.0", (2020, 7, 1), (2024, 2, 1),
         [("files/044016/044016_hinanbasho.csv", "指定緊急避難場所一覧", "CSV", "text/csv", "")]),
        ("matsushima", "matsushima-toilet", "公衆トイレ一覧", "町内の公衆トイレの一覧です。",
         ["seikatsu", "kanko"], ["トイレ"], "年1回", "CC-BY-4.0", (2021, 4, 1), (2024, 4, 1),
         [("files/044016/044016_toilet.csv", "公衆トイレ一覧", "CSV", "text/csv", "")]),
        ("matsushima", "matsushima-jinko", "地区別人口（令和6年3月末）", "地区別・年齢別の人口と世帯数です。",
         ["jinko"], ["人口"], "年1回", "CC-BY-4.0", (2021, 4, 1), (2024, 4, 8),
         [("files/044016/044016_jinko_r6.csv", "地区別人口", "CSV", "text/csv", "")]),
    ]
    org_by = {o["name"]: o for o in orgs}
    packages = []
    root = os.path.join(OUT, "ckan-miyagi")
    for k, (org, name, title, notes, gs, tags, freq, licence, created, modified, res) in enumerate(specs):
        pid = str(uuid.uuid5(NS, "package/" + name))
        o = org_by[org]
        c = ts(*created, 1, 23, 45, 123456 + k)
        mo = ts(*modified, 6, 12, 30, 654321 - k)
        extras = [{"key": "更新頻度", "value": freq}]
        if org == "matsushima":
            extras.append({"key": "全国地方公共団体コード", "value": "044016"})
        resources = []
        for pos, (url, rname, fmt, mime, desc) in enumerate(res):
            resources.append({
                "cache_last_updated": None, "cache_url": None, "created": c, "datastore_active": False, "description": desc,
                "format": fmt, "hash": "", "id": str(uuid.uuid5(NS, f"resource/{name}/{pos}")), "last_modified": mo,
                "metadata_modified": mo, "mimetype": mime, "mimetype_inner": None, "name": rname, "package_id": pid,
                "position": pos, "resource_type": None, "size": os.path.getsize(os.path.join(root, url)), "state": "active",
                "url": url, "url_type": None,
            })
        packages.append({
            "author": None, "author_email": None, "creator_user_id": str(uuid.uuid5(NS, "user/" + org)), "id": pid,
            "isopen": True, "license_id": licence, "license_title": lic[licence][0], "license_url": lic[licence][1],
            "maintainer": o["title"] + ("デジタル推進課" if org == "c041009" else "総務課"), "maintainer_email": None,
            "metadata_created": c, "metadata_modified": mo, "name": name, "notes": notes, "num_resources": len(resources),
            "num_tags": len(tags), "organization": {k2: o[k2] for k2 in ("id", "name", "title", "type", "description", "image_url", "created",
                                                                          "is_organization", "approval_status", "state")},
            "owner_org": o["id"], "private": False, "state": "active", "title": title, "type": "dataset", "url": None, "version": None,
            "extras": extras, "groups": [groups[g] for g in gs], "resources": resources, "tags": [tag(t) for t in tags],
            "relationships_as_object": [], "relationships_as_subject": [],
        })
    packages.sort(key=lambda p: p["id"])  # CKAN harvesters page with sort=id asc
    for o in orgs:
        o["package_count"] = sum(1 for p in packages if p["owner_org"] == o["id"])
    catalog = {
        "site": site,
        "organizations": orgs,
        "groups": list(groups.values()),
        "count": len(packages),
        "results": packages,
    }
    text = json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"
    out("ckan-miyagi/catalog.json", text.encode("utf-8"))


# ---------------------------------------------------------------- the pages

def size_label(rel):
    n = os.path.getsize(os.path.join(OUT, rel))
    return f"{max(1, round(n / 1024))}KB"


PAGE_CSS = """body{font-family:sans-serif;margin:0;color:#1a1a1a}header{background:#004c97;color:#fff;padding:.6em 1em}
header a{color:#fff}nav.crumbs{font-size:.9em;padding:.4em 1em}main{padding:0 1em 2em}table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.3em .6em;text-align:left}th{background:#e8eef5}footer{border-top:1px solid #ccc;padding:1em;font-size:.85em}"""


def page_matsumoto():
    files = [
        ("防災・安全", [
            ("AED設置場所一覧", "市有施設等に設置しているAEDの一覧です。", [("files/202029_aed.csv", "CSV")], "2024年4月5日"),
            ("指定緊急避難場所一覧", "災害の種類ごとに指定した緊急避難場所です。", [("files/202029_evacuation_space.csv", "CSV")], "2024年4月10日"),
        ]),
        ("くらし・環境", [
            ("公衆トイレ一覧", "公園・観光地の公衆トイレです。", [("files/202029_public_toilet.xlsx", "Excel")], "2024年4月12日"),
        ]),
        ("観光・文化", [
            ("観光施設一覧", "市内の観光施設の一覧です。", [("files/202029_tourism.xlsx", "Excel")], "2024年3月29日"),
        ]),
        ("統計", [
            ("地域・年齢別人口（令和6年4月1日現在）", "地区別・5歳階級別の人口です。", [("files/202029_population_r6.xlsx", "Excel")], "2024年4月16日"),
        ]),
    ]
    body = []
    for h, items in files:
        body.append(f"<h2>{h}</h2>\n<table>\n<thead><tr><th scope=\"col\">データ名</th><th scope=\"col\">説明</th><th scope=\"col\">ファイル</th><th scope=\"col\">更新日</th></tr></thead>\n<tbody>")
        for title, desc, links, date in items:
            cells = "<br>".join(f'<a href="{href}">{fmt}形式（{size_label("page-matsumoto/" + href)}）</a>' for href, fmt in links)
            body.append(f"<tr><td>{title}</td><td>{desc}</td><td>{cells}</td><td>{date}</td></tr>")
        body.append("</tbody>\n</table>")
    html = f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>オープンデータ一覧｜松本市（デモ）</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{PAGE_CSS}</style>
</head>
<body>
<header><a href="index.html">松本市（デモ）</a></header>
<nav class="crumbs" aria-label="パンくずリスト"><a href="index.html">ホーム</a> &gt; <a href="about.html">市政情報</a> &gt; オープンデータ一覧</nav>
<main>
<h1>オープンデータ一覧</h1>
<p>松本市が公開しているオープンデータの一覧です。データは<a href="https://creativecommons.org/licenses/by/4.0/deed.ja">クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）</a>で提供します。
ご利用にあたっては<a href="files/opendata_riyoukiyaku.pdf">松本市オープンデータ利用規約（PDF：{size_label("page-matsumoto/files/opendata_riyoukiyaku.pdf")}）</a>をご確認ください。</p>
<p>データの形式は<a href="https://www.digital.go.jp/resources/open_data/">自治体標準オープンデータセット（デジタル庁のページ）</a>を参考にしています。
取り組みの経緯は<a href="about.html">オープンデータの取り組みについて</a>をご覧ください。</p>
{chr(10).join(body)}
<p>※このページは Musubi のデモ用に作った架空のページです。掲載データは実在しません。</p>
</main>
<footer>松本市役所（デモ）　DX推進本部　電話：0263-00-0000</footer>
</body>
</html>
"""
    out("page-matsumoto/index.html", html.encode("utf-8"))
    about = f"""<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>オープンデータの取り組みについて｜松本市（デモ）</title><style>{PAGE_CSS}</style></head>
<body>
<header><a href="index.html">松本市（デモ）</a></header>
<main>
<h1>オープンデータの取り組みについて</h1>
<p>市が保有するデータを、誰もが二次利用できる形で公開しています。公開中のデータは<a href="index.html">オープンデータ一覧</a>をご覧ください。</p>
<p>※デモ用の架空のページです。</p>
</main>
</body>
</html>
"""
    out("page-matsumoto/about.html", about.encode("utf-8"))


def page_karuizawa():
    items = [
        ("観光施設一覧", [("files/203211_tourism.csv", "CSV")], "令和6年4月1日"),
        ("公衆トイレ一覧", [("files/203211_public_toilet.csv", "CSV")], "令和6年4月1日"),
        ("AED設置施設一覧", [("files/203211_aed.csv", "CSV")], "令和6年3月15日"),
        ("指定緊急避難場所一覧", [("files/203211_evacuation_space.csv", "CSV"), ("files/203211_evacuation_space.xlsx", "Excel")], "令和6年4月1日"),
        ("地区別人口（令和6年4月1日現在）", [("files/203211_population.csv", "CSV")], "令和6年4月5日"),
    ]
    lis = []
    for title, links, date in items:
        ls = "　".join(f'<a href="{href}">{fmt}（{size_label("page-karuizawa/" + href)}）</a>' for href, fmt in links)
        lis.append(f"<li>{title}　{ls}　<span class=\"date\">更新日：{date}</span></li>")
    html = f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>オープンデータ - 軽井沢町（デモ）</title>
<style>{PAGE_CSS}</style>
</head>
<body>
<header>軽井沢町（デモ）</header>
<main>
<h1>オープンデータ</h1>
<p>軽井沢町では、町が保有するデータをオープンデータとして公開しています。ライセンスは CC BY 4.0 です。</p>
<h2>公開データ</h2>
<ul>
{chr(10).join(lis)}
</ul>
<h2>関連リンク</h2>
<ul>
<li><a href="https://www.digital.go.jp/resources/open_data/">オープンデータ（デジタル庁）</a></li>
<li><a href="files/opendata_guide.pdf">オープンデータの利用について（PDF）</a></li>
</ul>
<p>※Musubi のデモ用に作った架空のページです。掲載データは実在しません。</p>
</main>
</body>
</html>
"""
    out("page-karuizawa/files/opendata_guide.pdf",
        pdf_bytes(["Karuizawa open data guide (demo sample)", "Licence: CC BY 4.0", "This file is not data."]))
    out("page-karuizawa/index.html", html.encode("cp932"))


SOURCES = {
    "about": "The demo sources: invented sample data, not official. See README.md in this folder.",
    "sources": [
        {"id": "ckan-miyagi", "kind": "ckan", "path": "ckan-miyagi", "manifest": "ckan-miyagi/catalog.json",
         "name": "みやぎオープンデータカタログ（デモ）", "publisher": None,
         "publishers": [{"code": "041009", "name": "宮城県仙台市"}, {"code": "044016", "name": "宮城県松島町"}]},
        {"id": "page-matsumoto", "kind": "page", "path": "page-matsumoto/index.html", "name": "松本市 オープンデータ一覧（デモ）",
         "publisher": "202029", "publishers": [{"code": "202029", "name": "長野県松本市"}]},
        {"id": "page-karuizawa", "kind": "page", "path": "page-karuizawa/index.html", "name": "軽井沢町 オープンデータ（デモ）",
         "publisher": "203211", "publishers": [{"code": "203211", "name": "長野県軽井沢町"}]},
        {"id": "folder-aso", "kind": "folder", "path": "folder-aso", "name": "阿蘇市から届いたファイル（デモ）",
         "publisher": "432148", "publishers": [{"code": "432148", "name": "熊本県阿蘇市"}]},
    ],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("MUSUBI_SHARED", os.path.join(REPO, "..", "shared")))
    args = ap.parse_args()
    geo_root = os.path.join(args.shared, "reference", "geolonia-japanese-addresses-v1", "api", "ja")
    if not os.path.isdir(geo_root):
        sys.exit(f"error: {geo_root} not found (give --shared)")
    geo = Geo(geo_root)
    make_sendai(geo)
    make_matsushima(geo)
    make_matsumoto(geo)
    make_karuizawa(geo)
    make_aso(geo)
    build_ckan()
    page_matsumoto()
    page_karuizawa()
    out("sources.json", (json.dumps(SOURCES, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    print(f"wrote {len(FILES)} files under {os.path.relpath(OUT, REPO)}")


if __name__ == "__main__":
    main()
