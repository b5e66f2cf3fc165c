using Justice.Portal.Features.Filing;
using System.Text.Json.Nodes;
using Bogus;

namespace Justice.Portal.Demo;

/// <summary>Realistic fictitious parties of Hengyang: Chinese names, valid ID numbers and credit codes, addresses, phones.</summary>
public sealed class DemoPeople(int seed)
{
    readonly Faker _faker = new("zh_CN") { Random = new Randomizer(seed) };
    readonly HashSet<string> _issued = [];
    readonly Lock _lock = new();

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "唐", "邓", "曾", "彭", "肖", "蒋", "欧阳"];
    static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓梅", "志强", "海燕", "文军", "丽华", "红梅", "国平", "湘衡", "若曦"];
    static readonly string[] Brands = ["湘江", "雁城", "蒸水", "耒水", "衡岳", "石鼓", "回雁", "船山", "朝阳", "鸿运", "恒通", "顺达", "金桂", "南华", "华耀"];
    static readonly string[] Trades = ["商贸", "建材", "物流", "置业", "科技", "机械制造", "农业开发", "建筑工程", "餐饮管理", "医药"];
    static readonly string[] Streets = ["解放大道", "蒸湘北路", "船山大道", "华新大道", "东风路", "中山北路", "先锋路", "光辉街", "衡州大道", "岳屏路"];
    static readonly string[] Minorities = ["瑶族", "土家族", "苗族", "侗族"];

    public Faker Faker => _faker;

    public string Name() => _faker.PickRandom(Surnames) + _faker.PickRandom(Given);

    public (string Code, string Name) Area() => _faker.PickRandom(ChineseIdentity.HengyangAreas.ToArray());

    public string Address() => $"湖南省衡阳市{Area().Name}{_faker.PickRandom(Streets)}{_faker.Random.Int(1, 299)}号";

    public string Phone() => $"1{_faker.PickRandom("3", "5", "7", "8", "9")}{_faker.Random.ReplaceNumbers("#########")}";

    /// <summary>A person with an adult birth date and a resident ID number never issued before in this run.</summary>
    public JsonObject Person(string? userEmail = null)
    {
        var female = _faker.Random.Bool();
        var birth = DateOnly.FromDateTime(_faker.Date.Between(new DateTime(1955, 1, 1), new DateTime(2004, 12, 31)));
        string id;
        lock (_lock)
        {
            do
            {
                var sequence = _faker.Random.Int(1, 499) * 2 - (female ? 0 : 1);
                id = ChineseIdentity.ResidentId(Area().Code, birth, sequence);
            }
            while (!_issued.Add(id));
        }
        var person = new JsonObject
        {
            ["name"] = Name(), ["gender"] = female ? "女" : "男", ["birthDate"] = birth.ToString("yyyy-MM-dd"), ["idNumber"] = id,
            ["address"] = Address(), ["phone"] = Phone(), ["userEmail"] = userEmail,
        };
        if (_faker.Random.Int(0, 30) == 0)
            person["ethnicity"] = _faker.PickRandom(Minorities);
        return person;
    }

    public JsonObject Company()
    {
        var area = Area();
        string code;
        lock (_lock)
        {
            do
            {
                code = ChineseIdentity.CreditCode(area.Code, _faker.Random.String2(8, "0123456789ABCDEFGHJKLMNPQRTUWXY"));
            }
            while (!_issued.Add(code));
        }
        return new JsonObject
        {
            ["partyKind"] = "organization", ["name"] = $"衡阳市{_faker.PickRandom(Brands)}{_faker.PickRandom(Trades)}有限公司", ["creditCode"] = code,
            ["representative"] = Name(), ["address"] = $"湖南省衡阳市{area.Name}{_faker.PickRandom(Streets)}{_faker.Random.Int(1, 299)}号", ["phone"] = $"0734-{_faker.Random.ReplaceNumbers("#######")}",
        };
    }

    public decimal ClaimAmount(bool ordinary) => 100m * Math.Round(ordinary
        ? _faker.Random.Decimal(30_001m, 50_000m)
        : _faker.Random.Decimal(100m, 29_000m));
}
