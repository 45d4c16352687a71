import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Srp from "@cognito-effect/domain/Srp"
import { modPowBigInt } from "@cognito-effect/domain/services/ModExp"

/** The three Amplify 6.21.1 vectors (spec/srp-test-vectors.json): all big integers unpadded hex. */
const vectors = [
  {
    name: "user-srp",
    poolName: "TestPool1",
    userId: "testuser",
    password: "Passw0rd!",
    saltHex: "7c4f076023e6b785d153cbe9d5aced63",
    aHex: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    bHex: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    x: "f543f32e3b90ba90b9f37cea15d15906073de78fcd357591e3af5ec5988ec8eb",
    v: "d39616388f2bc04ba47fcd39b989cb31e0b4f1e780fe2c0d3886445a4e47063f4f9db3121158ebb5ebe68eee44e1070b2c51c9ccb09e62dfdc0c15d469058729758dbe1ae468c7ea1f4226c1a35695a866ef3fd9dc7a634c907a70c94787319878ea65a4993510f58a1ec2d970ff4c76e5fb5710a268063a41d4e524bc09d34e057f02b6409b26a60b9cfc0351676d737ff1046f218b0749db6a322122fb5adf757f0093fe7d122c8155578075fc12a27fd4f645ffc6b75fa5baeda5885de42967c79b2057978d98a2c7c00fa16486e140f65de3fede6ddf625b8f7b9e438d6ef869ed8537aa0cf3af4c858f0ddb43213c56beae896ed2aa85c5cb10589b700b460827ec61915ddc127ad5d2ff42525244166aa8219c57d1f52be8c0d17af4f930e221f7e59ceece42bd2ddf95c4a7fb8244e8805c42682a97038e8d2c2d7a6b756acbdc094f242f55c7181c301737f5a1f625f3d95e52eafaf3c8e60ae4e98b060c16723892b65afaf8ba19ebc949d02a44206baaaac38c7cf72fcc92ab5066",
    A: "a7804b9236d1acc041957219db123f3798183a434df98ce15e227ccb0bf9b58df0c80eb95b80f91e8dbcf980aba26a769ad9987c4ab907497f37358ab1949e1089ef4fd1341180bf165334c2ede1fa89ebe52062d65fc50802771e8853738d5099b3e2bb103fd16d8b679277ff38e054f8913eeeedd6852ad7bbe9b774760009e1581a6935e2cbfe2bab1a3370808e37f83497b9240fec7188ce08569c5257c04d3bbba53732a225ec64c42fd3b86fd33aa46d840c4e006d1fb5f88a45b98b435a13e0410b33f728bcc70b8ffd31f2b96c083f8f9f3d5d2a145d5edd7d5ffea15a06097e73e84e62b9b7162a294b0daa39eefb6c6dcb80985d7ba60b3e5328af44d23a7cd643b58352f32541e41572bd5f5cbcdb27dd2dc8f31ab1d2f8a7dba07af70e4d4e5f6447ff2b318e09d350402c47e61446be4a6e964d6f392580fdd875f85e43f32fa059dc25346162a03a53e3b1fbfc857f4ebe44bf922dd2e34aeda0320fc2cee491443574021cd8600f520973af1a2cb8aaaffa7af186b5e7a2ab",
    B: "203a0ae65a95a4bb17c58dbfb5b68d9d3419a966b8c08c80455c08295e51e98ae62351838c68d6d3434cefcc4a2f27c43f7dd3e7fc512b1912b88b83b01f1851cbed9435ed225a4c3697a72db40e35ab027b81bebabe19f9108bb3058db6da688a901701f24e6c8d913a5f87b067829e6437d23396cd8a9a6beadd6e40c00947e28c4e0ba39c56cd9fe5ddc394da96dafd0722df4fa063c1bc59b19fa1ffadb701ed12e8f5427cf70ee405af41d8677d4f7b5f794b99a6676ce6c025d8dfd04d637b7c7eb62fb3328e92d3d6619aada13ec39305cfd3641d60e634085a330f35464b982a0336bafa889798d38fd8b799f0b606b5d99536ac3f07df63e103a26fc9104e868227becd4d19e349a7a608a3a9c6f07532337687aaacb753d569314cce8bcbbb6d07ac90c148d52cf6a1d6e447b39e192c69afaf10120fcea88a6f62dd1836b815ec41884d89120ea5552a84c48ec009d8249ddb254f1adfc65a33bf7fb575c4fc3ecf6f76d3623efd691c57f97ac0fde63ccc480d5bbcd5e9f9932c",
    u: "6c29b4c0d007a42d8dab694aaa11fe9a6d4daa2dc95887dddb7ec5f4e49209ef",
    S: "d30155edcbbc45a39b9b58ac056833f18ce567619bb4bf01d25a1797c05de3dceb2e885440e8dfdeec0a2c6ba82861e6a3fd8108c0c723603b46fde9bea676123c5288df7e3ea0e64af6dd485c4a74febdfb5ca78b34d1eaf1e713d9dd9763a6c8f15c6737270bc09510ca67176b85cd054f3b1732cdbdd181e3496f3f9d598c454b8120e6948c30cc4eaf61939898682db7a3376cf30cd44d4e5e7aa8f5e720a2442098b4555a3ad43a202f9bb485503a37ae323b8ef25c132f0168ac848e1a2b771d60f5c8944bc3baeb404bd92a01b37325f83bcba7e37f2bbf13959ae54ef3d5289cc1ea86ad4ac9bce33e8e29a2c0811c5d817e66c79a03a4541cd220cfeb803fc54d3be491203dcc4c9217a300ba2e252b0d0ea10cab8a9a6c673a6e9122e9dbf76ecc158a4a60f786b46c812fc396b83ddcf7432b24388874b7b54e2668e0ece94dd8bfd30ab3014f8552146a4a0a0b3494f3959b895c794566afc28d3bd20c36f297f2f9776f5ce20d2547e664c5cda9555302a6aaede08c89ab7af5",
    hkdf: "0d895445d79954c85db459c6885eb067",
    secretBlock: "ZW11bGF0b3Itc2VjcmV0LWJsb2NrLTAwMDE=",
    timestamp: "Tue Mar 5 07:05:09 UTC 2024",
    signature: "b5N9CMXGVyRnJPY9GKWjvKk5znngNYYd+6+bJwVu5Z4=",
  },
  {
    name: "user-srp-highbit-salt",
    poolName: "AbCdEf123",
    userId: "a68c740a-8385-42d7-b8fb-ea5496094942",
    password: "pässwörd-✓",
    saltHex: "f1e2d3c4b5a697887766554433221100",
    aHex: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    bHex: "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
    x: "70e99b69a3af14d34fa344b0a755fd144506fcda3856067c031940d7caf6b3e5",
    v: "7dfaf8f95db7adc7ddb248195cb51f555ac19121deca5bd4af5378febcadbf484b29e23917b8e0538c15cca92d8772f18f870c7561dbe5dfee8749b95236e7eecd8b7a582d26e679095457e47caabaf3dfc6fe1c8f3c0323feccd706d75b37fa85c8e52049f88d29a9b940e5a19c3d643db78068605572a7c03a50c1b78a71caf1eecde42389131a2d39d058924aa03dc7d998189d5ba7002aeb230d027194b844150753db3e93cfbdfeb886042351594bb8bc0d56ea1587148d505580490fa67c2a83c90af2222a2163980b22a4d80989c39b6bee624feb5d758f6f046846886163af3a6d3d81aee9fef24d4f3ae236789e406e93c418f1fc026e3547111d9ec5ba33630aa54b26395c50d43c675c6bf9bfd8c300cac7a716a5d1b81e36236921923d770074e8290609c7c01f57597e8db440961b1f6c0e27e91053bd8fd133ef0f90e15143929910fd9a03167744161126a276628ec7e575490f080b1d7d64ea65638e97221a7f349b68132dfa7041b7b785b60d7eb50813ad24c547eccdde",
    A: "54b8e4da8991abf64544e5e11b2bd8c7a17bf13cdc3b757a276c8d475af798afd3666395ae0a291861ac9f3181e263185ab8006e236972ff0ac89ff60a824bf8c4e19c07106f6f62b7a129f56e73477cd23ce582c6a23d19c5cb2fbf29f32978fcf0743650a1572c349444cdc3229d5b29c60fdb9f3dfc0ecbd532302115b7aab5016382590f811a5b7caa46ec650538e1377de9c35a4203edc9b004658d1147caa08516730d40c80409b0bab60fd885ae184434764cc759d8b7905a7c1deff646e62540614d40378604b21e170159c1931f362f8003e66b5d81cd0b5996850c0735512ed5c8913864e819e7520b25d6df825b2372b56398ccb46a2f29e31760d68e468d841518a783046b56c28cfc12d789a725469640ef0db5b557cbe9117f97d808df3f32c9610e5ef7822593e5ee1289b7f1993ba4406d84926ca459cbcb00d77369492e9363a7ac6191652c8d18d1c94422fd0e579bcfff161b945072743a4934e650373ecc40acebb84ff209b7c8ba5d5b7cd4a786ba1174323284223",
    B: "8bd28bfbea40acd490650993540110396a88f30083261a7862c3135066ccf570ddbd102e3c24dacee884faedaa6952782bcba9bdd12a563d746a31a7bfdab73fa10bd6e545887989a78d1fd22683cb726ff6ae372b26288d843fc425a068286ac599c54cd29e973f9b8a5d1a148acceabc64a7fe3ca35b55c9a2b71222416f1434cdbaba0f909a90bd138816ec6f05ce6b515e16b38b7f4164a6dd8ed0af77936516d9e043779264c5314a0ab2600d62cc7ba270e5ad1a6f37c0de30cbb91ff56773ddca45a5844a1c4a8fe0a1eaa2b27736be0016dae786701fc1f9bb8af273d650b2b9b4ad827c174eed102adb48181b06144a4c08c5899d77b063061070d271950c68e8ead94bf8dca2e3d04b954a3ac61ae7d1e2c083e11ef5abe79c3f9e62d258635505a064cccc8d0dd3e260f5bbfe97c84b0d2f73d9aabdfabfcdf7c42e0676695a7b05eea6a1a3be297a75efac6aa0fc310cfc607435cd528b6b2b4a9d5c4d62997c04a28a1c30b7e927fae7c1b67c9725b30e2c6e3a1f8e57e7a365",
    u: "5e9db08da9d38cb0fe8d26abf8ce714f826436e0f63e7b09f0b10ba5ad1841af",
    S: "48475af24a3be433d39b45d122e743aae68f52eabf5433cce618e6072e23d4cea0e15a9408ffc91a160315a8ecc1e87ca501825515fffb8503eea37d3e9c68f02cec300b52a18bcb65646096ca40c48e97d118b65a550ed68c61d8ac84587f5cb7ffab7e63f139549ef093176a0d0bfab783834fd507cc20f92dcf36b224c471d6b862b7c62da670a130ef58c2c22e8dccf69ff8a50c174542ba11b85e9480b4d6eff17d70ac03acb14de9dba5dd71e23147d66d3d854895ae53a7128699c71b71f88fbddabb5c1baf8102785e05f126dc04281aaff7c415d783078fde13be97375af0678186888add80cb9059941dd426a5e68e9fb77678517f591a21b43c49a82939cf4a3507d5b445cca7efdea1dba9e7ae4e945e73fc872f3b8a101d745ca3987e87695fe49bbeba85cc722ce8129cf55723df3d0f0a8118be918324fa9ad9c8dab05be8d11dfa4ebc2a51f2f20c825463411f2bdc412d90d70c8fcc5fd0a8e39dad29cd5529c74e58e04c413fb8cb08edfa9842e9a944fbf519038295a4",
    hkdf: "7e46d8d3fe626863e9ac73c28e4c0b06",
    secretBlock: "YW5vdGhlciBzZWNyZXQgYmxvY2s=",
    timestamp: "Sun Dec 31 23:59:59 UTC 2023",
    signature: "MDUFfEe88aXDT6xtIRQBzCveXLoeUMAmc3uskFtxUEc=",
  },
  {
    name: "device-srp",
    poolName: "-a1b2c3d4e",
    userId: "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    password: "c2VjcmV0LXJhbmRvbS1wYXNzd29yZC1mb3ItZGV2aWNlLXRlc3RzLTAwMDA=",
    saltHex: "00a1b2c3d4e5f60718293a4b5c6d7e8f",
    aHex: "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    bHex: "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
    x: "e338401fcda5e279ab3a02a51859a19fcf267debf7333c56bbe17134e3b1e082",
    v: "c1f1fc7fde7628cd1655164333c907da93c48d9f56e2df1b7d50cfacaf09c8ae86c5a771444737bbef2e0261ddc50ad0b78a8260d6ce428ff8083f390898f769de6e9a95e328a91daf87cfb0292a99049196642f9d26bdccc5acfec6bb95b504e4bdb56b51d60356be25df891dde6a1925d869778d890b377c99382dc1505c9a1f5bf26c18b87991869620e7d5c3b9c5549e1b325dc4b4a87a57745c4f17badb372528d95656fa2edf67ec90984c236213c285f485829278d5f21a6145065b9736991e7a6bacf553725b12d19d25e216ad26b722c399b2d21eea5a6ccd25b98cf5a31786381c8a18cccb032cfab43963c91253e07c1d67ed0dd498ae2982be131600a436e85bd7dd23f0611cf2994506526d66bc5a08b56d948fb1dcc5987a3275a12932c9711e36e2c603e5c176d17f1b15334a021309b274c05615ce111c0b40725457a5e1bee37077b924f3b713b527dbba2b93ffa5d72e330ca37c5d92cd5195925341de319beca994ba5a1d2620cdf8472bb0dfb02d7f2b641da22a2b45",
    A: "6d0eb2a6e06cbced4ddebc0432bb7ec498af61700c45c411558ff752ce5f55c52596f66686d19a153f135dd1b13e84821eab1eb5d4b9d20e38c2755e5205d443d8be31189e3d994cb0559294f1546bf5e1d9a717cf16e6c4d8c5c1fda0cf9e0c306a862479c9999ff74b046e7d418e517bd39f031692d921245aea5dc216751f757a0d55671807fd3158a76ff95cfbcf78a0d70d7f462f48cd17f44fed5b58980ce072eff00cf1a5324016f2d61ea7a3084bbf108adf724295a9abd25fd85ee910210a4899506824830f2506d5bf3476462e2dc578378226b38486f7a0ebde8fce38a58516d7988dd593d543c1e3233f6c90b782b0cea232e78f9bb7a1faef37bac20a09f1ec902f61346050c8a49bcf0248a1a31a8e0cd71d7e9d1d4dc93e4f3ac89c381ee926d44a3a5aa3134197d32034cf1b4dca0ad8504ca59d7ad0ea9ade23002002af94c11ded1dbbbf11bc5d1ede6c5b96ea96bcdeb6782cea53688553dc9c97ebecb3a3b8a29b85bf5e10c770cc87202b2047dfc5c9dee25a4e2525",
    B: "f6056898620eee574f676c4224a14a59b05715ee0c329a392642fa45b672b96438950c74f2b6f9ea3f5cdb4b3b485367ba9895ba801ae203c56a8ce763975f257dd5410a6ce0bbd071c43936aea35796f93f1c72416a56d81c1625119314b8a3f2f944bbcffaad48274be91d7a3a3a7c1a0e53d9b42f3c6833d1bd5b2649d4b9946db76b97deb57f6963f7f03c1c9248d1abc12b9fe8ff63e4c4a062bfabed37e4fdc6d631fedcf8790c7b51919e878e32464e3680cf30c9093e6f21fdd53595a8be8b50b7a26790fce27f89ac7650cfc335a074270fc919ef3c362fdf4830851e14aa86ae5e5f7754d4e1004b153fde671800a278c0c1eded4daf1654953ad0e7c192f386a60016e313536cc13458a2e17e2bd4c7ba045b0aaaa4816ccbfd402c3d15c2a9e8b8ec24b8d0cc63fbbe2f739322e9a721d6aed1ecc06c1c5933369c1a751a662551b1a1e81e93df2ef4b20afa491d5757e666e0d3ec04f1a7526e155a1e4000e7cf3654c0606f72a6795ba964fcb001b91c5a6d1f1023815fc443",
    u: "7fa64d3b52583fcb2bc6598f37799e5d1544a6d00f1149a52ca7389fa068d915",
    S: "32e6a3e8ce0b0d3c6790b2554f0b4180b60f01a4faf07042fe60198f062119defe51cd3d19f6b8915df256c11122695d8a12d37e92142dee11cc7162e7d2c140a6ffed9a6fe4298b0cf0033774b949ddef62ff7e1b2bb9a22c2ef9853e7895f08fce6c95aff40ee4b6eb0206a48f39e71325a3e6639bb5964087d680b9a265a50039756b3dcd15cfd41057613b245a41c64e8f0c355e4efde662c595c11889bc5e350e44be3c5b26a943391fc06c5d769b47a6fe776159d97f01b45cbbcd8598003dba5b88eaa89efcc6a8e9fda888f9e422c44356eb4168281c5657fe38bfa78ad020fed42b058afe3a54efd2d924599b3ac9bd85c76e04c2551e630584f9e614b285549c2d6ec0c7345160fa95a6c6e33de749a1d3bc1447cc22e08efffdd0121237bf8b50c33701f6998a6a8d414c49b8957f8644251816bf640946a0fa00066cd2c89fc14c7e6ced4d838ada5381023e2bacdc9a295be75808e6e07daa70c31600e4dbd9196d67ec29e937eb85fcd693e625cafc4475c20bca2000557faf",
    hkdf: "773643cf174726b0c06ffa09a2526386",
    secretBlock: "ZGV2aWNlLXNlY3JldC1ibG9jaw==",
    timestamp: "Wed Jan 1 00:00:00 UTC 2025",
    signature: "/jspZnAGPFqRCK+Gb0I49OpOObvIp2gmWnoW+hV9CxM=",
  },
] as const

/** soto-project/soto-cognito-authentication-kit CognitoSRPTests.swift (testSRPAValue, testSRPKey). */
const soto = {
  poolName: "poolid",
  userId: "testuser",
  password: "testpassword",
  saltHex: "8dbcb21f18ae3216",
  aHex: "37981750af33fdf93fc6dce831fe794aba312572e7c3347252854e5ce7c7f40343f5ad82f9ad3585c8cb1184c54c562f8317fc2924c6c7ade72f1e8d964f606e040c8f9f0b12e3fe6b6828202a5e40ca0103e880531921e56de3acc410331b8e5ddcd0dbf249bfa104f6b797719613aa50eabcdb40fd5457f64861dd71890eba",
  A: "f93b917abccc667f4fac29d1e4c111bcd37d2c37577e7f113ad85030ec6157c70dfee728ac4aee9a7631d85a68aec3ef72864b6e8a134f5c5eef8940b93bb1db1ada9c1de770db282d644eeb3c551d35ce8de4d2cf98d0d799b6a7f1fe51568d11162ce0cded8246b630169dcfc2d5a43817d52f121b3d75ab1a43dc30b7cec02e42e332d5fd781023d9c1fd44f3d1129d211550ce57c004aca95a367592705b517298f724e6314ffbac2425b2beb5095f23b75dd3dd232adda700080d7a22a87383d3746d39f6427b7daf2a00683038ff7dc099081b2bf43eb5e2e30465487dafb3cc875fdd9b475d46a0ac1d07cf928fd11e06c5999596160168fc31228f7f3329d4b873acbf1540a16418a3ee5a0a5070a3db558f5cf8cf15388ff0a6e4234bf1de3e5bade8e4aa607d633a94a06bee4386c7444e06fd584282b9d576be318f0f203057e80996f79a2bb0a63ad4786d5cc12b1321bd6644e001cee194171f5b04fcd65f3f280b6dadabae0401a9ae557ad27939730ce146319aa7f08d1e33",
  B: "a0812a0ee3fa8484a73addeb6a9afa145cff1eca2a6b86537a5d15132d5811dd088d16e7d581b2798229350e6e473503cebddf19cabd3f14fb3450a6858bafc972a29702d8772a22b000a160812a7fe29bcac2c36d43b91c118224626c2f0782d70f79c82ac5183e0d7d8c7b23ad0bda1f4fba941998bfc82e46415e49026bb33f8271cb9a56e69f518e90bc2f4c42c7bb27720e25a14dcfbb5176effb3069a2bc627f18ec07a3e4118f61402dda56a6da3f331d8c2cf78513d767b2bf040809e5a334c7bb98cb720ef5654100cfa57d21155fc7630654964370fd512b30febc6c61bfa3415c72660c5dad3444881d272c3abd7ecec0e483493b1491391bef4348d1c27be700e443301fc856a9d1b6ca36fdc46eec9f3c51f0ea566f5a85c87d395d3d9fc2a594945a860841d5b328f1910058b2bb822ac976d961736fac42e84b46074762de8b254f37260e3b1da88529dd1060ca52b2dc9de5d77372b1d74ea111de406aac964993133a6f172e8fae54eb885e6a3cd774f1ca6be98b6ddc35",
  hkdf: "b70fad71e9658b24b0ec678774ecca30",
  hkdfWithUnpaddedSalt: "0d9c1636cd11b2d39b387c194a719c1a"
} as const

/** One run of Amplify's generateHashDevice + getNewDeviceMetadata. */
const confirmDevice = {
  DeviceGroupKey: "-a1b2c3d4e",
  DeviceKey: "us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  randomPassword: "ULbR2sF5cVvipWOX85lmxHmfpxWTUFp+igGf9S7Eyh8QRraAh4i4Mg==",
  saltPadHex: "00db98cd0262383aed0d255948a0466d7c",
  verifierPadHex: "00f77df7535c01d2e94646ded0069f3f941ee858f99ad218345f5cc0ef0edb8d7078919ff73c362443b2e63657f1cd4e3c9c7a3ef0510779fec94b53d77d33b12819ce79783eab9bdc1d1d31bbfc0d035b83dfb65eca6028a0eef59654a1598c6020b17da7eeaaa2a13a5d3ee48191d30fd657c9ec59584b32805858d9e4ac464b38578bc508a61f30906f2c4e78e2b8a383933d99374fee946ccc3d8408b33a669f56caff636bd3c6c3efd70b1cd8cc3230a234a2cfd88c568c82a7650d5bc4b8b6ceda5c4bfa785fdecd69c1fa2d6dbaf25cefaf9bc1723ca8d22e820f6ec40f68a675aa92f68ab9d6298cec3f8ed26402f84212eb005ed13163f60fc2894abf8024ee3d168f328a2b22ca22e951cc19a8fe14568d2883a19c13f80e647d55c2a81a56bc0332edb9d5f33101c351485df7076f73f2c9f42b5457a94f6fa0572515b7f1f23baf49b11cf6a28aa9c662844a2194a5f69afb6b76712ef2889b21d548634440284227dd178b5ee98d8e77b260b79d9308506d7463ec801a6ed40158",
  Salt: "ANuYzQJiODrtDSVZSKBGbXw=",
  PasswordVerifier: "APd991NcAdLpRkbe0AafP5Qe6Fj5mtIYNF9cwO8O241weJGf9zw2JEOy5jZX8c1OPJx6PvBRB3n+yUtT130zsSgZznl4Pqub3B0dMbv8DQNbg9+2XspgKKDu9ZZUoVmMYCCxfafuqqKhOl0+5IGR0w/WV8nsWVhLMoBYWNnkrEZLOFeLxQimHzCQbyxOeOK4o4OTPZk3T+6UbMw9hAizOmafVsr/Y2vTxsPv1wsc2MwyMKI0os/YjFaMgqdlDVvEuLbO2lxL+nhf3s1pwfotbbryXO+vm8FyPKjSLoIPbsQPaKZ1qpL2irnWKYzsP47SZAL4QhLrAF7RMWP2D8KJSr+AJO49Fo8yiisiyiLpUcwZqP4UVo0og6GcE/gOZH1VwqgaVrwDMu251fMxAcNRSF33B29z8sn0K1RXqU9voFclFbfx8juvSbEc9qKKqcZihEohlKX2mvtrdnEu8oibIdVIY0RAKEIn3ReLXumNjneyYLedkwhQbXRj7IAabtQBWA=="
} as const

const int = (hex: string) => Srp.hexToBigInt(hex)
const modPow = modPowBigInt

describe("Srp", () => {
  describe("group and encodings", () => {
    it("k is H(padHex(N) || padHex(g))", () => {
      assert.strictEqual(Srp.bigIntToHex(Srp.k), "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6")
      assert.strictEqual(Srp.N.toString(2).length, 3072)
      assert.strictEqual(Srp.g, 2n)
    })

    it("padHex matches Java toByteArray (Amplify's getPaddedHex table)", () => {
      const cases: ReadonlyArray<readonly [bigint, string]> = [
        [20n, "14"],
        [236n, "00ec"],
        [128n, "0080"],
        [0n, "00"],
        [-20n, "ec"],
        [-236n, "ff14"],
        [-128n, "80"],
        [-129n, "ff7f"],
        [0x7fn, "7f"],
        [0xfffn, "0fff"],
        [0x8000n, "008000"]
      ]
      for (const [n, hex] of cases) assert.strictEqual(Srp.padHex(n), hex, `padHex(${n})`)
      assert.strictEqual(Srp.padHex(Srp.N).slice(0, 4), "00ff")
      assert.strictEqual(Srp.padHex(Srp.N).length, 2 * 385)
    })

    it("parses odd-length hex as an integer and refuses non-hex", () => {
      assert.strictEqual(Srp.hexToBigInt("abc"), 0xabcn)
      assert.strictEqual(Srp.hexToBigInt("0ABC"), 0xabcn)
      assert.strictEqual(Srp.bigIntToHex(0x0abcn), "abc")
      assert.throws(() => Srp.hexToBigInt(""))
      assert.throws(() => Srp.hexToBigInt("0x12"))
      assert.throws(() => Srp.hexToBigInt("12 34"))
      assert.isFalse(Srp.isHex("g1"))
    })

    it("decodes SECRET_BLOCK leniently: standard, URL-safe, unpadded", () => {
      const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x01])
      assert.strictEqual(Srp.bytesToBase64(bytes), "+//+AQ==")
      for (const text of ["+//+AQ==", "-__-AQ", "+//+AQ"]) {
        assert.deepStrictEqual(Option.getOrThrow(Srp.base64ToBytes(text)), bytes, text)
      }
      assert.isTrue(Option.isNone(Srp.base64ToBytes("a")))
      assert.isTrue(Option.isNone(Srp.base64ToBytes("ab!c")))
    })

    it("formats TIMESTAMP in UTC without zero-padding the day", () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["2024-03-05T07:05:09Z", "Tue Mar 5 07:05:09 UTC 2024"],
        ["2025-01-01T00:00:00Z", "Wed Jan 1 00:00:00 UTC 2025"],
        ["2023-12-31T23:59:59Z", "Sun Dec 31 23:59:59 UTC 2023"],
        ["2024-02-29T12:30:00.999+05:00", "Thu Feb 29 07:30:00 UTC 2024"]
      ]
      for (const [iso, expected] of cases) assert.strictEqual(Srp.formatTimestamp(new Date(iso)), expected)
    })

    it("takes the pool name after the region", () => {
      assert.strictEqual(Srp.poolName("us-east-1_AbC123"), "AbC123")
      assert.strictEqual(Srp.poolName("xx-xxxx-1_TestPool1"), "TestPool1")
    })
  })

  describe.each(vectors)("vector $name", (vector) => {
    const password = Redacted.make(vector.password)
    const a = int(vector.aHex)
    const b = int(vector.bHex)

    it("client: A, u, x, S, HKDF key and signature", () => {
      const A = Either.getOrThrow(Srp.generateA(a, modPow))
      assert.strictEqual(Srp.bigIntToHex(A), vector.A)
      const B = int(vector.B)
      const u = Srp.computeU(A, B)
      assert.strictEqual(Srp.bigIntToHex(u), vector.u)
      const x = Srp.computeX({
        poolName: vector.poolName,
        userId: vector.userId,
        password,
        saltBytes: Srp.saltBytesFromHex(vector.saltHex)
      })
      assert.strictEqual(Srp.bigIntToHex(x), vector.x)
      const S = Srp.clientS({ B, x, a, u }, modPow)
      assert.strictEqual(Srp.bigIntToHex(S), vector.S)
      assert.strictEqual(Srp.bytesToHex(Srp.hkdfKey(u, S)), vector.hkdf)

      const claim = Srp.passwordClaim(
        {
          poolName: vector.poolName,
          userId: vector.userId,
          password,
          salt: vector.saltHex,
          srpB: vector.B,
          secretBlock: vector.secretBlock,
          timestamp: vector.timestamp,
          a,
          A
        },
        modPow
      )
      assert.deepStrictEqual(claim, Either.right({ signature: vector.signature }))
    })

    it("server: v, B, S, and the claim check", () => {
      const v = Srp.computeVerifier(
        { poolName: vector.poolName, userId: vector.userId, password, salt: vector.saltHex },
        modPow
      )
      assert.strictEqual(Srp.bigIntToHex(v), vector.v)
      const B = Srp.serverB(v, b, modPow)
      assert.strictEqual(Srp.bigIntToHex(B), vector.B)
      const A = int(vector.A)
      const S = Srp.serverS({ A, v, u: Srp.computeU(A, B), b }, modPow)
      assert.strictEqual(Srp.bigIntToHex(S), vector.S)

      const claim = {
        poolName: vector.poolName,
        userId: vector.userId,
        v,
        A,
        B,
        b,
        secretBlock: vector.secretBlock,
        timestamp: vector.timestamp,
        signature: vector.signature
      }
      assert.isTrue(Srp.verifyPasswordClaim(claim, modPow))
      const zeroPaddedDay = vector.timestamp.replace(/^(\w+ \w+) (\d) /, "$1 0$2 ")
      if (zeroPaddedDay !== vector.timestamp) assert.isFalse(Srp.verifyPasswordClaim({ ...claim, timestamp: zeroPaddedDay }, modPow))
      const secondLater = vector.timestamp.replace(/:(\d\d) UTC/, (_, s: string) => `:${String((Number(s) + 1) % 60).padStart(2, "0")} UTC`)
      assert.notStrictEqual(secondLater, vector.timestamp)
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, timestamp: secondLater }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, secretBlock: "AAAA" }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, userId: `${vector.userId}x` }, modPow))
      const tampered = Option.getOrThrow(Srp.base64ToBytes(vector.signature))
      tampered[31] = tampered[31]! ^ 1
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, signature: Srp.bytesToBase64(tampered) }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, signature: vector.signature.slice(0, 20) }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, A: 0n }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, A: Srp.N }, modPow))
      assert.isFalse(Srp.verifyPasswordClaim({ ...claim, A: A + Srp.N }, modPow))
    })
  })

  describe("Soto published vector", () => {
    const A = Either.getOrThrow(Srp.generateA(int(soto.aHex), modPow))
    const B = int(soto.B)
    const u = Srp.computeU(A, B)
    const keyFor = (saltBytes: Uint8Array) => {
      const x = Srp.computeX({ poolName: soto.poolName, userId: soto.userId, password: Redacted.make(soto.password), saltBytes })
      return Srp.bytesToHex(Srp.hkdfKey(u, Srp.clientS({ B, x, a: int(soto.aHex), u }, modPow)))
    }

    it("reproduces A and the key with the padded salt", () => {
      assert.strictEqual(Srp.bigIntToHex(A), soto.A)
      assert.deepStrictEqual(Srp.saltBytesFromHex(soto.saltHex), Srp.hexToBytes(`00${soto.saltHex}`))
      assert.strictEqual(keyFor(Srp.saltBytesFromHex(soto.saltHex)), soto.hkdf)
    })

    it("gets a different key when the high-bit salt is hashed unpadded", () => {
      assert.strictEqual(keyFor(Srp.hexToBytes(soto.saltHex)), soto.hkdfWithUnpaddedSalt)
    })
  })

  describe("client checks", () => {
    const vector = vectors[0]
    const a = int(vector.aHex)
    const A = int(vector.A)
    const input = {
      poolName: vector.poolName,
      userId: vector.userId,
      password: Redacted.make(vector.password),
      salt: vector.saltHex,
      srpB: vector.B,
      secretBlock: vector.secretBlock,
      timestamp: vector.timestamp,
      a,
      A
    }
    const reason = (result: Either.Either<unknown, Srp.SrpError>) =>
      Either.match(result, { onLeft: (error) => error.reason, onRight: () => "ok" })

    it("refuses B ≡ 0 mod N and malformed challenge parameters", () => {
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, srpB: "0" }, modPow)), "InvalidB")
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, srpB: Srp.bigIntToHex(Srp.N) }, modPow)), "InvalidB")
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, srpB: Srp.bigIntToHex(2n * Srp.N) }, modPow)), "InvalidB")
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, srpB: "xyz" }, modPow)), "InvalidB")
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, salt: "" }, modPow)), "InvalidSalt")
      assert.strictEqual(reason(Srp.passwordClaim({ ...input, secretBlock: "not base64!" }, modPow)), "InvalidSecretBlock")
      assert.strictEqual(reason(Srp.passwordClaim(input, modPow)), "ok")
    })

    it("accepts SALT with leading zeros or upper case the same way", () => {
      const signature = (salt: string) =>
        Either.getOrThrow(Srp.passwordClaim({ ...input, salt }, modPow)).signature
      assert.strictEqual(signature(`00${vector.saltHex.toUpperCase()}`), vector.signature)
    })

    it("refuses A ≡ 0 mod N", () => {
      const broken: typeof modPow = () => Srp.N
      assert.strictEqual(reason(Srp.generateA(a, broken)), "InvalidA")
    })

    it("keeps secrets out of errors", () => {
      const error = Either.flip(Srp.passwordClaim({ ...input, srpB: "0" }, modPow))
      assert.notInclude(JSON.stringify(Either.getOrThrow(error)), vector.password)
      assert.notInclude(String(Either.getOrThrow(error)), vector.password)
    })
  })

  describe("devices", () => {
    it("builds ConfirmDevice's DeviceSecretVerifierConfig as Amplify does", () => {
      const config = Srp.deviceVerifierConfig(
        {
          deviceGroupKey: confirmDevice.DeviceGroupKey,
          deviceKey: confirmDevice.DeviceKey,
          randomPassword: Redacted.make(confirmDevice.randomPassword),
          saltBytes: Srp.hexToBytes(confirmDevice.saltPadHex.slice(2))
        },
        modPow
      )
      assert.deepStrictEqual(config, { Salt: confirmDevice.Salt, PasswordVerifier: confirmDevice.PasswordVerifier })
      const decoded = Either.getOrThrow(Srp.decodeDeviceVerifierConfig(config))
      assert.strictEqual(decoded.salt, confirmDevice.saltPadHex)
      assert.strictEqual(Srp.padHex(decoded.v), confirmDevice.verifierPadHex)
    })

    it("pads the device salt like Amplify: 15 to 17 bytes", () => {
      const saltOf = (first: number) => {
        const bytes = new Uint8Array(16).fill(0x11)
        bytes[0] = first
        const config = Srp.deviceVerifierConfig(
          { deviceGroupKey: "g", deviceKey: "d", randomPassword: Redacted.make("p"), saltBytes: bytes },
          modPow
        )
        return Option.getOrThrow(Srp.base64ToBytes(config.Salt)).length
      }
      assert.strictEqual(saltOf(0x00), 15)
      assert.strictEqual(saltOf(0x7f), 16)
      assert.strictEqual(saltOf(0x80), 17)
    })

    it("makes a 56-character random password from 40 bytes", () => {
      const password = Srp.randomDevicePassword(new Uint8Array(40).fill(0xff))
      assert.strictEqual(password.length, 56)
      assert.strictEqual(password, "/".repeat(52) + "/w==")
    })

    it("verifies a DEVICE_PASSWORD_VERIFIER answer against the stored config", () => {
      const verifierConfig = { Salt: confirmDevice.Salt, PasswordVerifier: confirmDevice.PasswordVerifier }
      const { salt, v } = Either.getOrThrow(Srp.decodeDeviceVerifierConfig(verifierConfig))
      const b = int("d".repeat(256))
      const B = Srp.serverB(v, b, modPow)
      const a = int("c".repeat(256))
      const A = Either.getOrThrow(Srp.generateA(a, modPow))
      const secretBlock = "ZGV2aWNlLXNlY3JldC1ibG9jaw=="
      const timestamp = "Wed Jan 1 00:00:00 UTC 2025"
      const answer = (password: string) =>
        Either.getOrThrow(
          Srp.passwordClaim(
            {
              poolName: confirmDevice.DeviceGroupKey,
              userId: confirmDevice.DeviceKey,
              password: Redacted.make(password),
              salt,
              srpB: Srp.bigIntToHex(B),
              secretBlock,
              timestamp,
              a,
              A
            },
            modPow
          )
        ).signature
      const check = (signature: string) =>
        Srp.verifyDevicePasswordClaim(
          {
            deviceGroupKey: confirmDevice.DeviceGroupKey,
            deviceKey: confirmDevice.DeviceKey,
            verifierConfig,
            A,
            B,
            b,
            secretBlock,
            timestamp,
            signature
          },
          modPow
        )
      assert.isTrue(check(answer(confirmDevice.randomPassword)))
      assert.isFalse(check(answer(`${confirmDevice.randomPassword}x`)))
    })

    it("refuses a malformed verifier config", () => {
      assert.isTrue(Either.isLeft(Srp.decodeDeviceVerifierConfig({ Salt: "", PasswordVerifier: confirmDevice.PasswordVerifier })))
      assert.isTrue(Either.isLeft(Srp.decodeDeviceVerifierConfig({ Salt: confirmDevice.Salt, PasswordVerifier: "%%" })))
      assert.isTrue(Either.isLeft(Srp.decodeDeviceVerifierConfig({ Salt: confirmDevice.Salt, PasswordVerifier: "AA==" })))
    })
  })

  it.prop(
    "a client claim verifies on the server; a wrong password does not",
    {
      password: FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
      salt: FastCheck.uint8Array({ minLength: 16, maxLength: 16 }),
      aBytes: FastCheck.uint8Array({ minLength: 128, maxLength: 128 }),
      bBytes: FastCheck.uint8Array({ minLength: 128, maxLength: 128 }),
      secretBlock: FastCheck.uint8Array({ minLength: 0, maxLength: 64 }),
      date: FastCheck.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
    },
    ({ aBytes, bBytes, date, password, salt, secretBlock }) => {
      const poolName = "AbC123"
      const userId = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
      const saltHex = Srp.bytesToHex(salt)
      const v = Srp.computeVerifier({ poolName, userId, password: Redacted.make(password), salt: saltHex }, modPow)
      const b = Srp.generateSmallA(bBytes)
      const B = Srp.serverB(v, b, modPow)
      const a = Srp.generateSmallA(aBytes)
      const A = Either.getOrThrow(Srp.generateA(a, modPow))
      const timestamp = Srp.formatTimestamp(date)
      const answer = (attempt: string) =>
        Either.getOrThrow(
          Srp.passwordClaim(
            {
              poolName,
              userId,
              password: Redacted.make(attempt),
              salt: Srp.bigIntToHex(Srp.hexToBigInt(saltHex)),
              srpB: Srp.bigIntToHex(B),
              secretBlock: Srp.bytesToBase64(secretBlock),
              timestamp,
              a,
              A
            },
            modPow
          )
        ).signature
      const verify = (signature: string) =>
        Srp.verifyPasswordClaim(
          { poolName, userId, v, A, B, b, secretBlock: Srp.bytesToBase64(secretBlock), timestamp, signature },
          modPow
        )
      assert.isTrue(verify(answer(password)))
      assert.isFalse(verify(answer(`${password}!`)))
    },
    { fastCheck: { numRuns: 12 } }
  )
})
